using System.Text.Json.Nodes;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>
/// Retention in the compiled Bicep: every Cosmos DB container has a default TTL and the dead-letter containers have
/// lifecycle rules, each fed from a main.bicep parameter whose default is the app's (RetentionOptions, documented in
/// docs/security-and-privacy.md).
/// </summary>
public sealed class RetentionTests(CompiledTemplate compiled)
{
    [Theory]
    [InlineData("timeline", "timelineTtlSeconds", "retentionTimelineDays", 395)]
    [InlineData("alerts", "alertsTtlSeconds", "retentionAlertDays", 395)]
    [InlineData("identities", "identitiesTtlSeconds", "retentionIdentityLinkDays", 395)]
    [InlineData("state", "stateTtlSeconds", "retentionDetectorStateDays", 30)]
    public void CosmosContainer_DefaultTtl_ComesFromTheRetentionParameterInSeconds(string container, string moduleParameter, string mainParameter, int defaultDays)
    {
        var module = compiled.ModuleDeclaring("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        var definition = module["variables"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == container)!;
        var resource = CompiledTemplate.Resources(module)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")["properties"]!["resource"]!;

        Assert.Equal($"[parameters('{moduleParameter}')]", definition["defaultTtl"]!.GetValue<string>());
        Assert.Equal("[variables('containers')[copyIndex()].defaultTtl]", resource["defaultTtl"]!.GetValue<string>());
        Assert.Equal($"[mul(parameters('{mainParameter}'), 86400)]", ModuleParameter("cosmos", moduleParameter));
        Assert.Equal(defaultDays, MainDefault(mainParameter));
    }

    [Theory]
    [InlineData("quarantine/", "quarantineRetentionDays", "retentionQuarantineDays", 30)]
    [InlineData("parked/", "parkedRetentionDays", "retentionParkedDays", 30)]
    public void DeadLetterContainer_LifecycleRule_DeletesBlobsVersionsAndSnapshotsAfterRetention(string prefix, string moduleParameter, string mainParameter, int defaultDays)
    {
        var module = compiled.ModuleDeclaring("Microsoft.Storage/storageAccounts/managementPolicies");
        var policy = CompiledTemplate.Resources(module)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = policy["properties"]!["policy"]!["rules"]!.AsArray()
            .Single(r => r!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Any(p => p!.GetValue<string>() == prefix))!;
        var actions = rule["definition"]!["actions"]!;
        var expected = $"[parameters('{moduleParameter}')]";

        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal(["blockBlob"], rule["definition"]!["filters"]!["blobTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(expected, actions["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<string>());
        Assert.Equal(expected, actions["snapshot"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<string>());
        Assert.Equal(expected, actions["version"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<string>());
        Assert.Equal($"[parameters('{mainParameter}')]", ModuleParameter("storage", moduleParameter));
        Assert.Equal(defaultDays, MainDefault(mainParameter));
    }

    private string ModuleParameter(string deployment, string name) =>
        CompiledTemplate.Resources(compiled.Template)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == deployment)
            ["properties"]!["parameters"]![name]!["value"]!.GetValue<string>();

    private int MainDefault(string name)
    {
        var parameter = compiled.Template["parameters"]![name]!;
        Assert.Equal(1, parameter["minValue"]!.GetValue<int>());
        Assert.Equal(24_855, parameter["maxValue"]!.GetValue<int>());
        return parameter["defaultValue"]!.GetValue<int>();
    }
}
