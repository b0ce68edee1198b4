using System.Net;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// Where the handler listens and the one pooled <see cref="HttpClient"/> every invocation uses (as the host: plain
/// HTTP/1.1 to 127.0.0.1, many requests in flight, no redirects followed for forwarded requests).
/// </summary>
internal sealed class HandlerConnection : IDisposable
{
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    public Task<Uri> Ready => _ready.Task;

    public Uri? BaseAddress => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    public void SetReady(Uri baseAddress) => _ready.TrySetResult(baseAddress);

    public void SetFailed(Exception reason) => _ready.TrySetException(reason);

    public void Dispose() => Client.Dispose();
}
