using TouchpointPipeline.DevHost.EventHubs;

namespace TouchpointPipeline.DevHost.Control;

/// <summary>An <c>eventHubTrigger</c> function's progress on each partition of its hub.</summary>
internal sealed record ConsumerStatus(string Function, string Hub, string ConsumerGroup, IReadOnlyList<PartitionConsumerStatus> Partitions);
