namespace TouchpointPipeline.DevHost.Control;

/// <summary>A hub's partitions: the last sequence number of each (-1 when empty).</summary>
internal sealed record HubStatus(string Name, IReadOnlyList<HubPartitionStatus> Partitions);
