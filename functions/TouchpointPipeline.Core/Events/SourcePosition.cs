namespace TouchpointPipeline.Core.Events;

/// <summary>
/// Where an event was read from: hub, partition and position, as the Event Hubs trigger reports them. Kept with every
/// stored and quarantined event so an operator can find it in the hub again.
/// </summary>
public sealed record SourcePosition(
    string Hub,
    string? PartitionId,
    string? Offset,
    long? SequenceNumber,
    DateTimeOffset? EnqueuedTime,
    string? PartitionKey);
