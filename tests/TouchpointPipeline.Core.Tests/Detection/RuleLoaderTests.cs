using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Tests.Detection;

public sealed class RuleLoaderTests
{
    private const string Valid = """
        { "id": "x", "description": "d", "severity": "low", "kind": "count", "match": { "types": ["element.clicked"] },
          "count": 2, "window": "00:00:05", "cooldown": "00:01:00", "suggestedAction": "a" }
        """;

    [Fact]
    public void LoadFolder_ShippedRules_AllElevenDefaultsLoad()
    {
        var rules = RuleLoader.LoadFolder(Path.Combine(AppContext.BaseDirectory, "rules"));

        Assert.Equal(
            ["abandoned-in-queue", "channel-hopping", "checkout-abandoned-after-error", "error-click", "long-hold", "negative-chat",
             "rage-click", "repeat-contact", "repeated-errors", "transfer-loop", "worsening-chat"],
            rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromDays(7), rules.MaxWindow);
        Assert.Contains("enrichment.sentiment.score", rules.Fields);
    }

    [Theory]
    [InlineData("\"count\": 2,", "\"count\": 0,", "count must be at least 1")]
    [InlineData("\"window\": \"00:00:05\"", "\"window\": \"00:00:00\"", "window is required and must be positive")]
    [InlineData("\"severity\": \"low\"", "\"severity\": \"urgent\"", "severity must be one of")]
    [InlineData("\"kind\": \"count\"", "\"kind\": \"magic\"", "kind must be one of")]
    [InlineData("[\"element.clicked\"]", "[\"element.klicked\"]", "'element.klicked' is not an event type")]
    [InlineData("\"suggestedAction\": \"a\"", "\"suggestedActoin\": \"a\"", "suggestedActoin")]
    [InlineData("\"id\": \"x\"", "\"id\": \"Bad Id\"", "id is required")]
    [InlineData("\"match\": { \"types\": [\"element.clicked\"] }", "\"match\": { \"types\": [\"element.clicked\"], \"where\": [{\"field\": \"holdSeconds\", \"op\": \">\", \"value\": 1}] }", "must be a path under data.")]
    [InlineData("\"match\": { \"types\": [\"element.clicked\"] }", "\"match\": { \"types\": [\"element.clicked\"], \"where\": [{\"field\": \"data.x\", \"op\": \">\", \"value\": \"far\"}] }", "value must be a number")]
    public void Load_InvalidRule_FailsNamingFileAndProblem(string from, string to, string expected)
    {
        var ex = Assert.Throws<RuleValidationException>(() => RuleLoader.Load("test", [("bad.json", Valid.Replace(from, to, StringComparison.Ordinal))]));

        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateIdsAndBrokenJson_ReportsEveryProblem()
    {
        var ex = Assert.Throws<RuleValidationException>(() => RuleLoader.Load("test", [("a.json", Valid), ("b.json", Valid), ("c.json", "{ nope")]));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("b.json: rule id 'x' is used by another file", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("c.json: not a valid rule document", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AbsenceWithoutClosedBy_Fails()
    {
        var absence = Valid.Replace("\"kind\": \"count\"", "\"kind\": \"absence\"", StringComparison.Ordinal);

        var ex = Assert.Throws<RuleValidationException>(() => RuleLoader.Load("test", [("abs.json", absence)]));

        Assert.Contains("needs closedBy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFolder_MissingFolder_SaysWhichSettingToFix()
    {
        var ex = Assert.Throws<RuleValidationException>(() => RuleLoader.LoadFolder("/nonexistent/rules"));

        Assert.Contains("Detection:RulesPath", ex.Message, StringComparison.Ordinal);
    }
}
