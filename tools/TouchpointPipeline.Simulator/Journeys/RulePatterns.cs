using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// Which pain patterns a run injects, chosen from the rules the app loads (its rules folder, read with the app's own
/// loader), so a rule added to or renamed in the rules cannot silently go untested: a loaded rule without a pattern
/// gets no journeys (its alerts count as false positives) and is reported; a pattern whose rule is not loaded could
/// never alert, so it is not injected. Injected patterns keep the <see cref="PainPatterns.All"/> order.
/// </summary>
internal sealed class RulePatterns
{
    private readonly HashSet<string> _sweepRaised;

    /// <param name="ruleIds">The ids of the loaded rules.</param>
    /// <param name="absenceRuleIds">The loaded absence rules: judged by the SweepPatterns timer after their window.</param>
    public RulePatterns(IReadOnlyCollection<string> ruleIds, IReadOnlyCollection<string> absenceRuleIds)
    {
        var loaded = ruleIds.ToHashSet(StringComparer.Ordinal);
        Injected = [.. PainPatterns.All.Where(loaded.Contains)];
        RulesWithoutPattern = [.. ruleIds.Where(id => !PainPatterns.All.Contains(id, StringComparer.Ordinal)).Order(StringComparer.Ordinal)];
        PatternsWithoutRule = [.. PainPatterns.All.Where(p => !loaded.Contains(p))];
        _sweepRaised = absenceRuleIds.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The patterns to inject, one per loaded rule that has one, in <see cref="PainPatterns.All"/> order.</summary>
    public IReadOnlyList<string> Injected { get; }

    /// <summary>Loaded rules the simulator has no journey for.</summary>
    public IReadOnlyList<string> RulesWithoutPattern { get; }

    /// <summary>Patterns whose rule is not loaded.</summary>
    public IReadOnlyList<string> PatternsWithoutRule { get; }

    /// <summary>
    /// True for an absence rule: the sweep raises its alert after the rule's window (plus grace), not the triggering
    /// event, so its latency is measured apart.
    /// </summary>
    public bool IsSweepRaised(string rule) => _sweepRaised.Contains(rule);

    public static RulePatterns From(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new RulePatterns(
            [.. rules.Rules.Select(r => r.Id)],
            [.. rules.Rules.Where(r => r.Kind == RuleKind.Absence).Select(r => r.Id)]);
    }

    /// <summary>Loads the rules folder as the app does.</summary>
    /// <exception cref="RuleValidationException">The folder is missing or a rule is invalid (the message lists every problem).</exception>
    public static RulePatterns LoadFolder(string folder) => From(RuleLoader.LoadFolder(folder));
}
