namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>One event for a hub: the resolved hub name, the customer key as partition key, the event JSON (UTF-8).</summary>
internal sealed record PublishMessage(string Hub, string PartitionKey, ReadOnlyMemory<byte> Body);
