namespace TouchpointPipeline.Simulator;

/// <summary>
/// One trigger function on one partition: <see cref="Head"/> is the sequence number the partition's next message
/// gets; <see cref="Checkpoint"/> the sequence number of the last checkpointed message (null: none yet).
/// </summary>
public sealed record ConsumerPosition(string Function, string Hub, string PartitionId, long Head, long? Checkpoint);
