using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Storage.Cosmos;
using TouchpointPipeline.TestTools;

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

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, byte> _testsRun = new(StringComparer.Ordinal);
    private NodeServerProcess? _server;

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

        var cli = RepositoryRoot.NpmToolPath("@vercel/cosmosdb-server", "@vercel", "cosmosdb-server", "lib", "cli.js");

        // The SDK would otherwise probe the Azure instance metadata service for seconds on the first request.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
        var port = FreePort.OnLoopback();
        _server = await NodeServerProcess.StartAsync(
            "The Cosmos DB server (@vercel/cosmosdb-server)",
            "node",
            [cli, "-p", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--no-ssl"],
            port,
            StartTimeout,
            CancellationToken.None);
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
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
