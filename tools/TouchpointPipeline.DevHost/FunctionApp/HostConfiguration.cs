namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>What the dev host uses from host.json.</summary>
internal sealed record HostConfiguration(
    CustomHandlerDescription Handler,
    bool EnableForwardingHttpRequest,
    bool EnableProxyingHttpRequest,
    string RoutePrefix,
    TimeSpan? FunctionTimeout,
    EventHubsHostOptions EventHubs,
    RetryPolicy? Retry);
