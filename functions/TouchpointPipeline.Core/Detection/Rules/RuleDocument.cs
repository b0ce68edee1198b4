using System.Text.Json;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>The JSON shape of one rule file, before validation. Unknown properties are refused, so typos fail start-up.</summary>
internal sealed class RuleDocument
{
    public string? Id { get; init; }
    public string? Description { get; init; }
    public string? Severity { get; init; }
    public string? Kind { get; init; }
    public ConditionDocument? Match { get; init; }
    public IReadOnlyList<ConditionDocument>? Steps { get; init; }
    public ConditionDocument? ClosedBy { get; init; }
    public TimeSpan? Window { get; init; }
    public int? Count { get; init; }
    public IReadOnlyList<string>? GroupBy { get; init; }
    public IReadOnlyList<string>? Distinct { get; init; }
    public double? MaxDistancePx { get; init; }
    public string? Value { get; init; }
    public int? Points { get; init; }
    public double? MinDrop { get; init; }
    public double? MaxFinal { get; init; }
    public TimeSpan? Cooldown { get; init; }
    public string? SuggestedAction { get; init; }

    /// <summary>Free text for the file's readers (why the thresholds, sources); ignored by the engine.</summary>
    public JsonElement? Notes { get; init; }
}
