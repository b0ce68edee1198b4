using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Hosting;

[Collection(StartupFailureCollection.Name)]
public sealed class RulesStartupTests : IDisposable
{
    private readonly string _rules = Directory.CreateTempSubdirectory("tp-rules-").FullName;

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    [Fact]
    public async Task App_BadRuleFile_FailsAtStartNamingFileAndProblem()
    {
        await File.WriteAllTextAsync(Path.Combine(_rules, "typo.json"), """
            { "id": "typo", "description": "d", "severity": "urgent", "kind": "count", "match": { "types": ["element.clicked"] },
              "window": "00:00:01", "cooldown": "00:01:00", "suggestedAction": "a" }
            """, TestContext.Current.CancellationToken);
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?> { ["Detection:RulesPath"] = _rules });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("typo.json: severity must be one of low, medium, high, critical", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_CustomRulesFolder_ReplacesTheShippedRules()
    {
        await File.WriteAllTextAsync(Path.Combine(_rules, "any-click.json"), """
            { "id": "any-click", "description": "A click.", "severity": "low", "kind": "count", "match": { "types": ["element.clicked"] },
              "window": "00:00:01", "cooldown": "00:00:00", "suggestedAction": "None." }
            """, TestContext.Current.CancellationToken);
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?> { ["Detection:RulesPath"] = _rules });
        var now = DateTime.UtcNow;

        using var response = await app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([TestEvents.Click("one", "cust-one", time: now.AddSeconds(-1))], firstEnqueued: now));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("any-click", body, StringComparison.Ordinal);
        Assert.DoesNotContain("rage-click", body, StringComparison.Ordinal);
    }
}
