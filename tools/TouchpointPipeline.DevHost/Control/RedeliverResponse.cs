namespace TouchpointPipeline.DevHost.Control;

/// <summary>The consumers (function, hub, partition) that will deliver again.</summary>
internal sealed record RedeliverResponse(IReadOnlyList<RedeliveryTarget> Redelivering);
