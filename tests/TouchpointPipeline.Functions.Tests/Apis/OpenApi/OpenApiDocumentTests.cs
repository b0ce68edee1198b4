using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.OpenApi;

/// <summary>
/// docs/openapi.json is the document the handler serves at <c>GET /api/openapi.json</c>, byte for byte in meaning: it
/// is generated from the endpoints, so a changed endpoint fails here until the committed file is refreshed.
/// </summary>
public sealed class OpenApiDocumentTests
{
    public const string RefreshVariable = "TOUCHPOINT_UPDATE_OPENAPI";
    public const string RefreshCommand =
        RefreshVariable + "=1 dotnet test --project tests/TouchpointPipeline.Functions.Tests/TouchpointPipeline.Functions.Tests.csproj -c Release -- --filter-class \"*OpenApiDocumentTests\"";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string CommittedPath { get; } = Path.GetFullPath(Path.Combine(FunctionAppProject.ProjectDirectory, "..", "..", "docs", "openapi.json"));

    [Fact]
    public async Task GetOpenApi_ServedDocument_MatchesTheCommittedDocsOpenApiJson()
    {
        await using var app = new PipelineAppFactory();

        var served = JsonNode.Parse(await app.CreateClient().GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken))!;

        var text = served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, text, TestContext.Current.CancellationToken);
        }

        var committed = File.Exists(CommittedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken)) : null;
        Assert.True(JsonNode.DeepEquals(served, committed),
            $"docs/openapi.json differs from the document the endpoints produce. Refresh it from the repository root with:\n  {RefreshCommand}\nand commit the result.");
    }

    [Fact]
    public void OpenApiReader_CommittedDocument_IsValidOpenApi31()
    {
        var result = OpenApiDocument.Parse(File.ReadAllText(CommittedPath), "json");

        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic?.SpecificationVersion);
        var document = result.Document!;
        Assert.Equal(["functionKeyHeader", "functionKeyQuery", "writeKeyHeader", "writeKeyQuery"], document.Components!.SecuritySchemes!.Keys.Order(StringComparer.Ordinal));
        Assert.All(document.Paths.Values.SelectMany(p => p.Operations!.Values), operation => Assert.NotEmpty(operation.Security!));
    }

    /// <summary>Adding an HTTP function (an admin API, say) needs no OpenAPI code: its endpoint is described on its own.</summary>
    [Fact]
    public void OpenApi_EveryHttpFunction_IsAnOperationNamedAfterIt()
    {
        var document = JsonNode.Parse(File.ReadAllText(CommittedPath))!;
        var paths = document["paths"]!.AsObject();
        var missing = new List<string>();
        foreach (var folder in Directory.GetDirectories(FunctionAppProject.MetadataDirectory))
        {
            var name = Path.GetFileName(folder);
            var trigger = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!["bindings"]!.AsArray()
                .Single(b => (string)b!["type"]! is "httpTrigger" or "eventHubTrigger" or "timerTrigger")!;
            // The support console is a page, and the document does not describe itself.
            if ((string)trigger["type"]! != "httpTrigger" || name is "Console" or "GetOpenApi")
            {
                continue;
            }

            var path = "/api/" + (string)trigger["route"]!;
            foreach (var method in trigger["methods"]!.AsArray().Select(m => (string)m!).Where(m => m != "options"))
            {
                if ((string?)paths[path]?[method]?["operationId"] != name)
                {
                    missing.Add($"{name}: {method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Not described in docs/openapi.json (map the endpoint .WithName(\"<Function>\") and refresh the document):\n" + string.Join('\n', missing));
    }
}
