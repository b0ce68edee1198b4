namespace TouchpointPipeline.DevHost.Control;

/// <summary>A partition of a hub: its last sequence number (-1 when empty) and how many messages it holds.</summary>
internal sealed record HubPartitionStatus(string Id, long LastSequenceNumber, long Messages);
