namespace TouchpointPipeline.Core.Alerts;

/// <summary>The outcome of a transition and the alert as it now is (null when not found).</summary>
public sealed record AlertTransitionResult(AlertTransitionOutcome Outcome, Alert? Alert);
