namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>
/// One function's progress on one partition. <see cref="Checkpoint"/> is the sequence number of the last checkpointed
/// event (null: none yet); <see cref="Pending"/> counts events after the checkpoint, delivered or not.
/// </summary>
internal sealed record PartitionConsumerStatus(
    string Partition,
    long LastSequenceNumber,
    long? Checkpoint,
    long Pending,
    bool InFlight,
    long Batches,
    long EventsDelivered,
    long FailedAttempts,
    long Retries,
    long FailedBatches,
    long Redeliveries,
    long OutputEvents);
