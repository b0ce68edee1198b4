using System.Net;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// Where the handler listens and the one pooled <see cref="HttpClient"/> every invocation uses (as the host: plain
/// HTTP/1.1 to 127.0.0.1, many requests in flight, no redirects followed for forwarded requests).
/// </summary>
internal sealed class HandlerConnection : IDisposable
{
    private readonly TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HandlerConnection()
    {
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseProxy = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    /// <summary>The handler's base address once it answers <c>GET /</c>.</summary>
    public Task<Uri> Ready => ready.Task;

    public Uri? BaseAddress => ready.Task.IsCompletedSuccessfully ? ready.Task.Result : null;

    public void SetReady(Uri baseAddress) => ready.TrySetResult(baseAddress);

    public void SetFailed(Exception reason) => ready.TrySetException(reason);

    public void Dispose() => Client.Dispose();
}
