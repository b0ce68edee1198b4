using System.Globalization;
using TouchpointPipeline.TestTools;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// Azurite's blob service (installed by TouchpointPipeline.TestTools) as the dead-letter store, on a fixed port and
/// folder so the drill can take it down for real (kill) and bring it back with the same data.
/// </summary>
internal sealed class DrillAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // The documented, public development-storage account key (the same for every Azurite install): not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _executable;
    private readonly string _location;
    private readonly int _port;
    private NodeServerProcess? _server;

    private DrillAzurite(string executable, string location, int port)
    {
        _executable = executable;
        _location = location;
        _port = port;
    }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;");

    public int Outages { get; private set; }

    public static async Task<DrillAzurite> StartAsync(string location, CancellationToken cancellationToken)
    {
        var executable = RepositoryRoot.NpmToolPath("Azurite", ".bin", "azurite-blob");
        var azurite = new DrillAzurite(executable, location, FreePort.OnLoopback());
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

    private async Task StartProcessAsync(CancellationToken cancellationToken) =>
        // Same port and folder on every start: the restarted service serves the blobs written before the outage.
        _server = await NodeServerProcess.StartAsync(
            "Azurite",
            _executable,
            ["--skipApiVersionCheck", "--silent", "--loose", "--location", _location, "--blobHost", "127.0.0.1", "--blobPort", _port.ToString(CultureInfo.InvariantCulture)],
            _port,
            StartTimeout,
            cancellationToken);
}
