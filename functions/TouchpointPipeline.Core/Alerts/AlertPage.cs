namespace TouchpointPipeline.Core.Alerts;

/// <summary>One page of alerts, newest first; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record AlertPage(IReadOnlyList<Alert> Items, string? Continuation);
