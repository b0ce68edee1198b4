namespace TouchpointPipeline.DevHost.Control;

/// <summary>One consumer that will deliver again.</summary>
internal sealed record RedeliveryTarget(string Function, string Hub, string Partition);
