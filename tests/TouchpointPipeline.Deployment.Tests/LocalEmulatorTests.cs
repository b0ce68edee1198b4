using System.Text.Json.Nodes;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>compose.yaml and the Event Hubs emulator Config.json serve what the functions and settings use.</summary>
public sealed class LocalEmulatorTests(CompiledTemplate compiled)
{
    private const string EventHubsConfigPath = "infra/local/eventhubs/Config.json";

    [Fact]
    public void EventHubsConfig_DeclaresEveryHubAndConsumerGroupTheFunctionsUse()
    {
        var entities = Entities();
        var local = LocalSettings.LoadSample();
        var bindings = FunctionDefinition.Discover(Repository.FunctionMetadataDirectory)
            .SelectMany(function => function.Bindings)
            .Where(binding => binding["type"]!.GetValue<string>() is "eventHubTrigger" or "eventHub")
            .ToList();

        Assert.NotEmpty(bindings);
        foreach (var binding in bindings)
        {
            var hub = Resolve(binding["eventHubName"]!.GetValue<string>(), local);
            Assert.True(entities.ContainsKey(hub), $"hub {hub} is not in {EventHubsConfigPath}");
            if (binding["type"]!.GetValue<string>() == "eventHubTrigger")
            {
                var group = Resolve(binding["consumerGroup"]?.GetValue<string>() ?? "$Default", local);
                Assert.True(group == "$Default" || entities[hub].Contains(group), $"consumer group {group} of hub {hub} is not in {EventHubsConfigPath}");
            }
        }
    }

    [Fact]
    public void EventHubsConfig_DeclaresEveryHubDeployedByBicep()
    {
        var hubNames = compiled.Template["variables"]!["hubNames"]!.AsObject().Select(hub => hub.Value!.GetValue<string>());

        Assert.Subset(Entities().Keys.ToHashSet(StringComparer.Ordinal), hubNames.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void EventHubsConfig_StaysWithinEmulatorLimits()
    {
        var config = JsonNode.Parse(File.ReadAllText(Repository.File(EventHubsConfigPath)))!["UserConfig"]!;
        var @namespace = Assert.Single(config["NamespaceConfig"]!.AsArray())!;
        var entities = @namespace["Entities"]!.AsArray();

        Assert.Equal("emulatorNs1", @namespace["Name"]!.GetValue<string>());
        Assert.Equal("EventHub", @namespace["Type"]!.GetValue<string>());
        Assert.InRange(entities.Count, 1, 10);
        Assert.All(entities, entity =>
        {
            Assert.InRange(entity!["PartitionCount"]!.GetValue<int>(), 1, 32);
            var groups = entity["ConsumerGroups"]?.AsArray().Select(g => g!["Name"]!.GetValue<string>()).ToList() ?? [];
            Assert.InRange(groups.Count, 0, 20);
            Assert.DoesNotContain("$Default", groups);
        });
    }

    [Theory]
    [InlineData("azurite", "mcr.microsoft.com/azure-storage/azurite:", "10000:10000")]
    [InlineData("eventhubs", "mcr.microsoft.com/azure-messaging/eventhubs-emulator:", "5672:5672")]
    [InlineData("cosmos", "mcr.microsoft.com/cosmosdb/linux/azure-cosmos-emulator:vnext-preview", "8081:8081")]
    public void Compose_RunsEmulatorWithHealthCheck(string service, string imagePrefix, string port)
    {
        var definition = ComposeServices()[service]!;

        Assert.StartsWith(imagePrefix, definition["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(port, definition["ports"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.NotEmpty(definition["healthcheck"]!["test"]!.AsArray());
    }

    [Fact]
    public void Compose_MountsTheEventHubsConfig()
    {
        var volumes = ComposeServices()["eventhubs"]!["volumes"]!.AsArray().Select(v => v!.GetValue<string>());

        Assert.Contains($"./{EventHubsConfigPath}:/Eventhubs_Emulator/ConfigFiles/Config.json:ro", volumes);
        Assert.True(File.Exists(Repository.File(EventHubsConfigPath)));
    }

    [Fact]
    public void ComposeBootstrap_CreatesEveryCosmosContainerDeclaredInBicep()
    {
        var bootstrap = ComposeServices()["bootstrap"]!;
        var mount = bootstrap["volumes"]!.AsArray().Select(v => v!.GetValue<string>()).Single();
        var script = File.ReadAllText(Path.Combine(Repository.Root, mount.Split(':')[0], "bootstrap.cs"));
        var cosmosModule = compiled.ModuleDeclaring("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        var containers = cosmosModule["variables"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());

        Assert.Equal(LocalSettings.LoadSample()["Cosmos__DatabaseName"], bootstrap["environment"]!["COSMOS_DATABASE"]!.GetValue<string>());
        Assert.Contains("\"/customerKey\"", script, StringComparison.Ordinal);
        Assert.All(containers, name => Assert.Contains($"(\"{name}\",", script, StringComparison.Ordinal));
    }

    [Fact]
    public void LocalSettingsSample_PointsAtTheComposeEmulators()
    {
        var local = LocalSettings.LoadSample();
        var cosmosPorts = ComposeServices()["cosmos"]!["ports"]!.AsArray().Select(p => p!.GetValue<string>());

        Assert.Equal("custom", local["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", local["AzureWebJobsStorage"]);
        Assert.Contains("UseDevelopmentEmulator=true", local["EventHubConnection"], StringComparison.Ordinal);
        var cosmosPort = new Uri(local["Cosmos__AccountEndpoint"]).Port;
        Assert.Contains($"{cosmosPort}:{cosmosPort}", cosmosPorts);
    }

    private static JsonObject ComposeServices() =>
        YamlDocument.Load(Repository.File("compose.yaml"))["services"]!.AsObject();

    private static Dictionary<string, HashSet<string>> Entities() =>
        JsonNode.Parse(File.ReadAllText(Repository.File(EventHubsConfigPath)))!["UserConfig"]!["NamespaceConfig"]![0]!["Entities"]!
            .AsArray()
            .ToDictionary(
                entity => entity!["Name"]!.GetValue<string>(),
                entity => (entity!["ConsumerGroups"]?.AsArray() ?? []).Select(g => g!["Name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

    private static string Resolve(string value, IReadOnlyDictionary<string, string> settings) =>
        value.StartsWith('%') && value.EndsWith('%') ? settings[value.Trim('%')] : value;
}
