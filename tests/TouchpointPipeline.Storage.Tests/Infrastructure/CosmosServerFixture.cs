using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Infrastructure;

/// <summary>
/// The Cosmos DB endpoint the Cosmos suites run against: <c>COSMOS_ENDPOINT</c> + <c>COSMOS_KEY</c> when set (a real
/// account or the official emulator), otherwise <c>@vercel/cosmosdb-server</c> from <c>tests/node_modules</c> (a Node
/// implementation of the Cosmos NoSQL REST API) started on a free loopback port over plain HTTP and stopped by its own
/// process id at the end. The client is the app's (<see cref="CosmosClientFactory.CreateClientOptions"/>); only for that
/// server it gets <see cref="CosmosServerQueryPlanHandler"/>, which stands in for what the server does not implement.
/// On dispose it writes <see cref="SummaryFileName"/> next to the test assembly: how many Cosmos tests ran and where.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    /// <summary>The summary <c>.ci/run</c> prints.</summary>
    public const string SummaryFileName = "cosmos-tests.txt";

    // The server accepts any key; this is the emulator's documented, public key (not a secret), so the SDK can sign with it.
    private const string ServerKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DJD8vYlNLtC6B2Ivu/gyB6nB5GC5y8fUE1JOXHeJxVcQmw==";

    private readonly ConcurrentDictionary<string, byte> _testsRun = new(StringComparer.Ordinal);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Endpoint { get; private set; } = string.Empty;

    public string Key { get; private set; } = string.Empty;

    /// <summary>True when the endpoint is the bundled Node server (not a configured account or emulator).</summary>
    public bool IsLocalServer { get; private set; }

    /// <summary>Where the suites run, for messages and the summary.</summary>
    public string Target => IsLocalServer ? "@vercel/cosmosdb-server (tests/node_modules)" : $"COSMOS_ENDPOINT {Endpoint}";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("COSMOS_ENDPOINT") is { Length: > 0 } configured)
        {
            Endpoint = configured;
            Key = Environment.GetEnvironmentVariable("COSMOS_KEY")
                ?? throw new InvalidOperationException("COSMOS_ENDPOINT is set but COSMOS_KEY is not.");
            return;
        }

        var cli = Path.Combine(FindRepositoryRoot(), "tests", "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"@vercel/cosmosdb-server is not installed: run `npm ci --prefix tests` (looked for {cli}).");
        }

        // The SDK would otherwise probe the Azure instance metadata service for seconds on the first request.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
        var port = FreePort();
        var start = new ProcessStartInfo("node", [cli, "-p", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--no-ssl"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("The Cosmos DB server did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(port);
        Endpoint = $"http://127.0.0.1:{port}/";
        Key = ServerKey;
        IsLocalServer = true;
    }

    /// <summary>Settings for a fresh database of its own on this endpoint (the caller deletes it).</summary>
    public CosmosStorageOptions NewOptions() => new()
    {
        AccountEndpoint = Endpoint,
        AccountKey = Key,
        DatabaseName = $"touchpoints-test-{Guid.NewGuid():N}",
        Emulator = IsLocalServer
            || new Uri(Endpoint).IsLoopback
            || string.Equals(Environment.GetEnvironmentVariable("COSMOS_EMULATOR"), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>The app's client for these settings, with the server's stand-in handler when the endpoint is the Node server.</summary>
    public CosmosClient CreateClient(CosmosStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = CosmosClientFactory.CreateClientOptions(options);
        if (IsLocalServer)
        {
            clientOptions.HttpClientFactory = static () => new HttpClient(new CosmosServerQueryPlanHandler { InnerHandler = new SocketsHttpHandler() });
        }

        return new CosmosClient(options.AccountEndpoint, options.AccountKey, clientOptions);
    }

    /// <summary>Counts the current test as one that ran against this endpoint (once per test, however often it asks).</summary>
    public void RecordTestRun()
    {
        if (TestContext.Current.Test is { } test)
        {
            _testsRun.TryAdd(test.UniqueID, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, SummaryFileName),
            $"{_testsRun.Count} Cosmos DB tests ran against {Target}{Environment.NewLine}");
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The Cosmos DB server exited with code {_process.ExitCode}: {Output()}");
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

        throw new TimeoutException($"The Cosmos DB server did not accept connections on 127.0.0.1:{port} within 30 s: {Output()}");
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
