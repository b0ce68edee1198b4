using System.Text.Json.Nodes;
using NJsonSchema;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

public sealed class AzureYamlTests(CompiledTemplate compiled)
{
    private static readonly string SchemaPath = Repository.File("infra", "schemas", "azure.yaml.schema.json");

    [Fact]
    public async Task AzureYaml_MatchesSchema()
    {
        var errors = await ValidateAsync(YamlDocument.Load(Repository.File("azure.yaml")));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Schema_MisspelledServiceHook_IsRejected()
    {
        var document = YamlDocument.Load(Repository.File("azure.yaml"));
        var hooks = Service(document)["hooks"]!.AsObject();
        var prepackage = hooks["prepackage"]!.DeepClone();
        hooks.Remove("prepackage");
        hooks["prepackag"] = prepackage;

        var errors = await ValidateAsync(document);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task Schema_CustomLanguageWithoutDist_IsRejected()
    {
        var document = YamlDocument.Load(Repository.File("azure.yaml"));
        Service(document).Remove("dist");

        var errors = await ValidateAsync(document);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void AzureYaml_ServiceNameMatchesFunctionAppServiceTag()
    {
        var services = YamlDocument.Load(Repository.File("azure.yaml"))["services"]!.AsObject();
        var site = compiled.ModuleDeclaring("Microsoft.Web/sites");

        var service = Assert.Single(services);
        Assert.Equal("function", service.Value!["host"]!.GetValue<string>());
        Assert.Equal(service.Key, site["parameters"]!["serviceName"]!["defaultValue"]!.GetValue<string>());
        Assert.Contains("azd-service-name", CompiledTemplate.Resources(site)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Web/sites")["tags"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_PrepackageHookRunsPackageScriptIntoDist()
    {
        var service = Service(YamlDocument.Load(Repository.File("azure.yaml")));
        var projectDirectory = Path.GetFullPath(Path.Combine(Repository.Root, service["project"]!.GetValue<string>()));
        var run = service["hooks"]!["prepackage"]!["posix"]!["run"]!.GetValue<string>();
        var script = Path.GetFullPath(Path.Combine(projectDirectory, run));

        Assert.Equal(Repository.FunctionAppDirectory.TrimEnd('/'), projectDirectory.TrimEnd('/'));
        Assert.Equal(Repository.File("infra", "scripts", "package.sh"), script);
        Assert.True(File.Exists(script));
        Assert.Contains("/publish/api\"}", File.ReadAllText(script), StringComparison.Ordinal);
        Assert.Equal("./publish/api", service["dist"]!.GetValue<string>());
    }

    private static JsonObject Service(JsonNode document) =>
        document["services"]!.AsObject().Single().Value!.AsObject();

    private static async Task<IReadOnlyList<string>> ValidateAsync(JsonNode document)
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath);
        return [.. schema.Validate(document.ToJsonString()).Select(error => $"{error.Path}: {error.Kind}")];
    }
}
