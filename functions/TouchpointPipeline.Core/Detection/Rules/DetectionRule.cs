using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>
/// A validated rule, compiled from one <c>rules/*.json</c> file (shape and defaults in docs/detection-and-alerts.md). Fields a kind
/// does not use are null.
/// </summary>
public sealed record DetectionRule
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required AlertSeverity Severity { get; init; }
    public required RuleKind Kind { get; init; }

    /// <summary>The counted events (count, trend) or the event that opens the window (absence).</summary>
    public EventCondition? Match { get; init; }

    /// <summary>The chain of a sequence rule, in time order.</summary>
    public IReadOnlyList<EventCondition> Steps { get; init; } = [];

    /// <summary>The event whose arrival within the window cancels an absence rule.</summary>
    public EventCondition? ClosedBy { get; init; }

    /// <summary>How far apart the first and last evidence may be (count, sequence, trend), or the absence window.</summary>
    public required TimeSpan Window { get; init; }

    public int Count { get; init; } = 1;

    /// <summary>Evidence must share the value of the first of these fields an event has (e.g. the selector, the call id).</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>When set, <see cref="Count"/> counts distinct values of the first of these fields (e.g. contacts, not events).</summary>
    public IReadOnlyList<string> Distinct { get; init; } = [];

    /// <summary>When set, consecutive evidence events must be within this many pixels (<c>data.x</c>, <c>data.y</c>).</summary>
    public double? MaxDistancePx { get; init; }

    /// <summary>Trend rules: the numeric field, how many points, the minimum total fall and the highest final value.</summary>
    public string? Value { get; init; }
    public int Points { get; init; }
    public double MinDrop { get; init; }
    public double? MaxFinal { get; init; }

    /// <summary>After an alert, the same rule stays quiet for this customer this long (either side of the incident).</summary>
    public required TimeSpan Cooldown { get; init; }
    public required string SuggestedAction { get; init; }

    /// <summary>Every condition of the rule, for relevance and retention.</summary>
    public IEnumerable<EventCondition> Conditions =>
        new[] { Match, ClosedBy }.OfType<EventCondition>().Concat(Steps);
}
