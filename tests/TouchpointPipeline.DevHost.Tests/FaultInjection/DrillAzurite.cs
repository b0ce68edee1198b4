using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

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
    private Process? _process;

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
        var executable = Path.Combine(RepositoryRoot(), "tests", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci --prefix tests` (looked for {executable}).");
        }

        var azurite = new DrillAzurite(executable, location, Handler.HandlerProcess.FreePort());
        await azurite.StartProcessAsync(cancellationToken);
        return azurite;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Outages++;
        }

        _process?.Dispose();
        _process = null;
    }

    public Task RestartAsync(CancellationToken cancellationToken) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable,
            ["--skipApiVersionCheck", "--silent", "--loose", "--location", _location, "--blobHost", "127.0.0.1", "--blobPort", _port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TouchpointPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (TouchpointPipeline.sln) was not found above the test output.");
    }
}
