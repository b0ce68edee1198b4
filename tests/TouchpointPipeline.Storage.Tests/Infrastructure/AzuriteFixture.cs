using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TouchpointPipeline.Storage.Tests.Infrastructure;

/// <summary>
/// A real Azurite blob service for the test run: <c>AZURITE_BLOB_CONNECTION_STRING</c> when set, otherwise
/// <c>tests/node_modules/.bin/azurite-blob</c> (installed by <c>npm ci --prefix tests</c>) started on a free loopback
/// port in a temp folder, and stopped with its whole process tree at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int StartTimeoutSeconds = 120;

    // The documented, public development-storage account key (the same for every Azurite install): not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private string? _location;
    private readonly StringBuilder _output = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_BLOB_CONNECTION_STRING") is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            return;
        }

        var executable = Path.Combine(FindRepositoryRoot(), "tests", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci --prefix tests` (looked for {executable}).");
        }

        var port = FreePort();
        _location = Directory.CreateTempSubdirectory("tp-azurite-").FullName;
        var start = new ProcessStartInfo(executable,
            ["--skipApiVersionCheck", "--silent", "--loose", "--location", _location, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(port);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private async Task WaitForPortAsync(int port)
    {
        // Node starts Azurite in 1-2 s on a quiet machine; a 2-core CI box busy building and testing can take far longer.
        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not accept connections on 127.0.0.1:{port} within {StartTimeoutSeconds} s: {Output()}");
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TouchpointPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TouchpointPipeline.sln not found above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
