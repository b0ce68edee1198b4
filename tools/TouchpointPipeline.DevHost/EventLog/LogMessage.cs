namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>
/// One event in a partition, with what Event Hubs assigns on arrival: a sequence number (from 0 per partition), an
/// offset (the running byte position, as the service's offsets are) and the enqueued time (millisecond precision).
/// </summary>
internal sealed record LogMessage(
    long SequenceNumber,
    long Offset,
    DateTimeOffset EnqueuedTime,
    string? PartitionKey,
    string Body,
    IReadOnlyDictionary<string, string>? Properties);
