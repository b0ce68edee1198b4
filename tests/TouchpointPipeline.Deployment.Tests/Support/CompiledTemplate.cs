using System.Text.Json.Nodes;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// infra/main.bicep compiled once per test run with the Bicep CLI from NuGet (offline: plain resources only).
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string _outputDirectory = Directory.CreateTempSubdirectory("touchpoint-bicep-").FullName;

    public ProcessResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public JsonObject Template { get; private set; } = [];

    /// <summary>Nested module deployments by deployment name (identity, api, rbac, ...).</summary>
    public IReadOnlyDictionary<string, JsonObject> Modules { get; private set; } = new Dictionary<string, JsonObject>();

    public async ValueTask InitializeAsync()
    {
        var outFile = Path.Combine(_outputDirectory, "main.json");
        Build = await ProcessRunner.RunAsync(
            Repository.BicepExecutable(),
            ["build", Repository.MainBicep, "--outfile", outFile],
            TimeSpan.FromMinutes(2));
        if (Build.ExitCode != 0)
        {
            return;
        }

        Template = JsonNode.Parse(await File.ReadAllTextAsync(outFile))!.AsObject();
        Modules = Resources(Template)
            .Where(resource => Type(resource) == "Microsoft.Resources/deployments")
            .ToDictionary(
                resource => resource["name"]!.GetValue<string>(),
                resource => resource["properties"]!["template"]!.AsObject(),
                StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_outputDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Resources of a template; Bicep emits an array, or an object keyed by symbolic name.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    /// <summary>The module that declares (creates, not only references as <c>existing</c>) resources of <paramref name="resourceType"/>.</summary>
    public JsonObject ModuleDeclaring(string resourceType) =>
        Modules.Values.Single(module => Resources(module).Any(resource => Type(resource) == resourceType && resource["existing"] is null));

    /// <summary>
    /// App setting names the function app gets: the keys of the object variables named *AppSettings in the module
    /// that declares Microsoft.Web/sites/config (flex and premium settings together).
    /// </summary>
    public IReadOnlySet<string> AppSettingNames() =>
        ModuleDeclaring("Microsoft.Web/sites/config")["variables"]!.AsObject()
            .Where(variable => variable.Key.EndsWith("AppSettings", StringComparison.Ordinal))
            .SelectMany(variable => variable.Value!.AsObject().Select(setting => setting.Key))
            .ToHashSet(StringComparer.Ordinal);
}
