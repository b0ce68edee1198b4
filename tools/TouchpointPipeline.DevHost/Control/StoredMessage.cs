namespace TouchpointPipeline.DevHost.Control;

/// <summary>A message as <c>GET /_devhost/hubs/{hub}/messages</c> shows it.</summary>
internal sealed record StoredMessage(string Partition, long SequenceNumber, long Offset, DateTimeOffset EnqueuedTime, string? PartitionKey, string Body);
