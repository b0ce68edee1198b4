namespace TouchpointPipeline.Core.Detection;

/// <summary>A rule matched: <see cref="Trigger"/> completed the pattern; <see cref="Evidence"/> in time order.</summary>
public sealed record Incident(string RuleId, StateEvent Trigger, IReadOnlyList<StateEvent> Evidence);
