using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>A decoded Event Hubs trigger invocation (cardinality many, dataType string).</summary>
internal sealed record EventHubInvocation(
    IReadOnlyList<RawEvent> Events,
    TriggerPartition Partition,
    RetryContext? Retry);
