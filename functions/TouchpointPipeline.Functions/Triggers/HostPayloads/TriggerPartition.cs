namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary><c>Metadata.TriggerPartitionContext</c> (docs/host-protocol.md §4.2): which hub, consumer group and partition the batch came from.</summary>
internal sealed record TriggerPartition(string? EventHubName, string? ConsumerGroup, string? PartitionId);
