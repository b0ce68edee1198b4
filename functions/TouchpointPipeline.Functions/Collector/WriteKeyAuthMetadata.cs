namespace TouchpointPipeline.Functions.Collector;

/// <summary>Endpoint metadata: the endpoint authenticates with a collector write key, not a function key (OpenAPI).</summary>
internal sealed class WriteKeyAuthMetadata;
