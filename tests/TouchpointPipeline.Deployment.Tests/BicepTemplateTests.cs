using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

public sealed partial class BicepTemplateTests(CompiledTemplate compiled)
{
    [Fact]
    public void Build_MainBicep_SucceedsWithoutDiagnostics()
    {
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Describe());
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.StandardError), compiled.Build.Describe());
    }

    [Fact]
    public async Task Build_EveryBicepFile_ReportsNoDiagnostics()
    {
        var sources = Directory.GetFiles(Repository.File("infra"), "*.bicep", SearchOption.AllDirectories);
        var outDir = Directory.CreateTempSubdirectory("touchpoint-bicep-all-").FullName;
        try
        {
            // One CLI run for all files (--pattern), each compiled on its own: modules too, not only through main.bicep.
            var build = await ProcessRunner.RunAsync(
                Repository.BicepExecutable(), ["build", "--pattern", "infra/**/*.bicep", "--outdir", outDir], TimeSpan.FromMinutes(3));

            Assert.True(build.ExitCode == 0, build.Describe());
            Assert.True(string.IsNullOrWhiteSpace(build.StandardOutput + build.StandardError), build.Describe());
            Assert.NotEmpty(sources);
            Assert.Equal(sources.Length, Directory.GetFiles(outDir, "*.json", SearchOption.AllDirectories).Length);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNoDiagnostics()
    {
        var lint = await ProcessRunner.RunAsync(
            Repository.BicepExecutable(), ["lint", Repository.MainBicep], TimeSpan.FromMinutes(2));

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardOutput + lint.StandardError), lint.Describe());
    }

    [Fact]
    public void FlexRuntime_IsPinnedToCustomVersion10()
    {
        var parameters = compiled.ModuleDeclaring("Microsoft.Web/sites")["parameters"]!;

        Assert.Equal(["custom"], AllowedValues(parameters["flexRuntimeName"]!));
        Assert.Equal(["1.0"], AllowedValues(parameters["flexRuntimeVersion"]!));
        Assert.Equal(["FlexConsumption", "ElasticPremium"], AllowedValues(parameters["hostingPlan"]!));
    }

    [Theory]
    [InlineData("Microsoft.EventHub/namespaces", "disableLocalAuth", true)]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableLocalAuth", true)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", false)]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", true)]
    public void DataService_DisablesLocalAuthentication(string resourceType, string property, bool expected)
    {
        var resource = CompiledTemplate.Resources(compiled.ModuleDeclaring(resourceType))
            .Single(r => CompiledTemplate.Type(r) == resourceType && r["existing"] is null);

        Assert.Equal(expected, resource["properties"]![property]!.GetValue<bool>());
    }

    [Fact]
    public void PiiSalt_IsAKeyVaultReferenceToAnRbacVault_NeverAPlainValue()
    {
        var settings = compiled.ModuleDeclaring("Microsoft.Web/sites/config")["variables"]!["baseAppSettings"]!.AsObject();
        var vault = CompiledTemplate.Resources(compiled.ModuleDeclaring("Microsoft.KeyVault/vaults"))
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.KeyVault/vaults" && r["existing"] is null);
        var salt = compiled.Template["parameters"]!["piiSalt"]!;
        var stored = compiled.ModuleDeclaring("Microsoft.KeyVault/vaults")["parameters"]!["piiSalt"]!;

        // Compiled to an ARM expression: [format('@Microsoft.KeyVault(SecretUri={0})', parameters('piiSaltSecretUri'))]
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Enrichment__Pii__Salt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal("securestring", salt["type"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("securestring", stored["type"]!.GetValue<string>(), ignoreCase: true);
        // What the vault stores is at least as long as the app requires (PiiSaltTests: azd's first-run value is shorter).
        Assert.True(stored["minLength"]!.GetValue<int>() >= AppSource.IntConstant("MinSaltLength"));
    }

    [Fact]
    public void PiiSalt_ParameterFile_GeneratedOnceThenReadBackFromTheVault()
    {
        var parameters = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.parameters.json")))!;

        Assert.Equal("$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} pii-salt)", parameters["parameters"]!["piiSalt"]!["value"]!.GetValue<string>());
        Assert.NotNull(compiled.Template["outputs"]!["AZURE_KEY_VAULT_NAME"]);
    }

    [Fact]
    public void RoleAssignments_AreAllDeclaredInRbacModule()
    {
        string[] roleTypes = ["Microsoft.Authorization/roleAssignments", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"];

        var declaring = compiled.Modules
            .Where(module => CompiledTemplate.Resources(module.Value).Any(r => roleTypes.Contains(CompiledTemplate.Type(r))))
            .Select(module => module.Key);

        Assert.Equal(["rbac"], declaring);
        Assert.DoesNotContain(CompiledTemplate.Resources(compiled.Template), r => roleTypes.Contains(CompiledTemplate.Type(r)));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("a638d3c7-ab3a-418d-83e6-5f17a39d4fde")] // Azure Event Hubs Data Receiver
    [InlineData("2b629674-e913-4c01-ae53-ef4638d8f975")] // Azure Event Hubs Data Sender
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb")] // Monitoring Metrics Publisher
    [InlineData("00000000-0000-0000-0000-000000000002")] // Cosmos DB Built-in Data Contributor
    public void RbacModule_NamesRoleDefinitionInAVariable(string roleDefinitionId)
    {
        var variables = compiled.Modules["rbac"]["variables"]!.AsObject();

        Assert.Contains(variables, v => v.Key.EndsWith("RoleId", StringComparison.Ordinal)
            && v.Value is JsonValue value && value.GetValue<string>() == roleDefinitionId);
    }

    [Fact]
    public void Outputs_AreUpperSnakeCase()
    {
        var outputs = compiled.Template["outputs"]!.AsObject().Select(output => output.Key).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, name => Assert.Matches(UpperSnake(), name));
    }

    [Fact]
    public void CosmosContainers_HaveCustomerKeyPartitionAndTunedIndexing()
    {
        var module = compiled.ModuleDeclaring("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        var containers = module["variables"]!["containers"]!.AsArray()
            .ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["includedPaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        var resource = CompiledTemplate.Resources(module)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")["properties"]!["resource"]!;

        Assert.Equal(["timeline", "alerts", "identities", "state"], containers.Keys);
        Assert.Equal(["/customerKey/?", "/sk/?", "/type/?", "/channel/?"], containers["timeline"]);
        // The same paths as CosmosContainerDefinitions.AlertsIncludedPaths / StateIncludedPaths (the adapters' queries).
        Assert.Equal(["/status/?", "/severity/?", "/ruleId/?", "/createdAt/?", "/escalatedAt/?", "/customerKey/?"], containers["alerts"]);
        Assert.Equal(["/customerKey/?", "/type/?", "/deadline/?"], containers["state"]);
        Assert.Equal("/customerKey", resource["partitionKey"]!["paths"]![0]!.GetValue<string>());
        Assert.Equal("/*", resource["indexingPolicy"]!["excludedPaths"]![0]!["path"]!.GetValue<string>());
    }

    private static string[] AllowedValues(JsonNode parameter) =>
        [.. parameter["allowedValues"]!.AsArray().Select(value => value!.GetValue<string>())];

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
