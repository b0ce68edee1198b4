using TouchpointPipeline.Simulator.Journeys;

namespace TouchpointPipeline.Simulator.Tests.Journeys;

/// <summary>The simulator's patterns and the rules the app ships (functions/TouchpointPipeline.Functions/rules, copied to the test output) stay one set.</summary>
public sealed class RulePatternsTests
{
    private static readonly string ShippedRules = Path.Combine(AppContext.BaseDirectory, "rules");

    [Fact]
    public void LoadFolder_ShippedRules_EveryRuleHasAPatternAndEveryPatternARule()
    {
        var patterns = RulePatterns.LoadFolder(ShippedRules);

        Assert.Empty(patterns.RulesWithoutPattern);
        Assert.Empty(patterns.PatternsWithoutRule);
        Assert.Equal(PainPatterns.All, patterns.Injected);
    }

    [Fact]
    public void LoadFolder_ShippedRules_OnlyTheAbsenceRuleIsRaisedByTheSweep()
    {
        var patterns = RulePatterns.LoadFolder(ShippedRules);

        Assert.Equal([PainPatterns.CheckoutAbandonedAfterError], PainPatterns.All.Where(patterns.IsSweepRaised));
    }

    [Fact]
    public void Constructor_RuleRenamedAndRuleRemoved_InjectsOnlyPatternsOfLoadedRulesAndNamesBothSides()
    {
        string[] loaded = [PainPatterns.RageClick, "rage-click-v2", PainPatterns.LongHold];

        var patterns = new RulePatterns(loaded, absenceRuleIds: []);

        Assert.Equal([PainPatterns.RageClick, PainPatterns.LongHold], patterns.Injected);
        Assert.Equal(["rage-click-v2"], patterns.RulesWithoutPattern);
        Assert.Equal(PainPatterns.All.Except(loaded), patterns.PatternsWithoutRule);
    }

    [Fact]
    public void JourneyGenerator_OnlyLoadedPatterns_RotatesThroughThoseOnly()
    {
        var patterns = new RulePatterns([PainPatterns.LongHold, PainPatterns.TransferLoop], absenceRuleIds: []);
        var generator = new JourneyGenerator(7, 0.5, patterns.Injected);

        var rules = Enumerable.Range(0, 8).Select(i => generator.Create(i, DateTimeOffset.UnixEpoch).InjectedRule).OfType<string>().ToList();

        Assert.Equal([PainPatterns.LongHold, PainPatterns.TransferLoop, PainPatterns.LongHold, PainPatterns.TransferLoop], rules);
    }

    [Fact]
    public void JourneyGenerator_PatternWithoutJourney_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new JourneyGenerator(7, 0.5, ["no-such-pattern"]));
    }
}
