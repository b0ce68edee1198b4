using TouchpointPipeline.TestTools;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// Azurite's blob service (installed by TouchpointPipeline.TestTools) as the dead-letter store, on a fixed port and
/// folder so the drill can take it down for real (kill) and bring it back with the same data.
/// </summary>
internal sealed class DrillAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _location;
    private readonly int _port;
    private NodeServerProcess? _server;

    private DrillAzurite(string location, int port)
    {
        _location = location;
        _port = port;
    }

    public string ConnectionString => AzuriteBlobServer.ConnectionString(_port);

    public int Outages { get; private set; }

    public static async Task<DrillAzurite> StartAsync(string location, CancellationToken cancellationToken)
    {
        var azurite = new DrillAzurite(location, FreePort.OnLoopback());
        await azurite.StartProcessAsync(cancellationToken);
        return azurite;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        var wasRunning = !_server.HasExited;
        try
        {
            await _server.StopAsync(cancellationToken);
        }
        finally
        {
            await _server.DisposeAsync();
            _server = null;
        }

        if (wasRunning)
        {
            Outages++;
        }
    }

    public Task RestartAsync(CancellationToken cancellationToken) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    // Same port and folder on every start: the restarted service serves the blobs written before the outage.
    private async Task StartProcessAsync(CancellationToken cancellationToken) =>
        _server = await AzuriteBlobServer.StartAsync(_location, _port, StartTimeout, cancellationToken);
}
