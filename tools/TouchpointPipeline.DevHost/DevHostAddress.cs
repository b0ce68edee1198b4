namespace TouchpointPipeline.DevHost;

/// <summary>The dev host's own base URL (known before the server starts: the port is fixed or picked up front).</summary>
internal sealed record DevHostAddress(Uri BaseUrl);
