namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>A message to append: its body (the exact event bytes as UTF-8 text), optional key and application properties.</summary>
internal sealed record NewMessage(string? PartitionKey, string Body, IReadOnlyDictionary<string, string>? Properties = null);
