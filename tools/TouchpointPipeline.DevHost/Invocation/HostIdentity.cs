namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>The headers the Functions host adds to every request it sends the handler (docs/host-protocol.md §2.1).</summary>
internal static class HostIdentity
{
    /// <summary>The host version docs/host-protocol.md was established against.</summary>
    public const string Version = "4.1037.1.1";
    public const string VersionHeader = "X-Azure-Functions-HostVersion";
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";
    public const string UserAgentProduct = "Azure-Functions-Host/" + Version;

    public static void AddTo(HttpRequestMessage request, Guid invocationId)
    {
        request.Headers.TryAddWithoutValidation(VersionHeader, Version);
        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId.ToString());

        // The host calls UserAgent.ParseAdd: a forwarded request keeps its own User-Agent and gets the host's appended.
        request.Headers.UserAgent.ParseAdd(UserAgentProduct);
    }
}
