namespace TouchpointPipeline.DevHost.Control;

/// <summary>One message to append: the body string, an optional partition key and optional application properties.</summary>
internal sealed record AppendMessage(string? PartitionKey, string? Body, IReadOnlyDictionary<string, string>? Properties);
