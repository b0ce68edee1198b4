using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>
/// A Cosmos DB timeline store on a database of its own, created from <c>COSMOS_ENDPOINT</c> and <c>COSMOS_KEY</c> and
/// deleted afterwards; unavailable (and the tests skipped) when <c>COSMOS_ENDPOINT</c> is not set. A loopback endpoint
/// (or <c>COSMOS_EMULATOR=true</c>) is treated as the emulator.
/// </summary>
public sealed class CosmosTimelineStoreFixture : IAsyncLifetime
{
    public const string SkipReason =
        "COSMOS_ENDPOINT not set: the Cosmos DB contract run needs the emulator or an account";

    private readonly string? _endpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
    private CosmosClient? _client;
    private CosmosStorageOptions? _options;
    private CosmosTimelineStore? _store;
    private CosmosIdentityStore? _identityStore;
    private CosmosAlertStore? _alertStore;
    private CosmosDetectorStateStore? _stateStore;

    public bool Available => !string.IsNullOrWhiteSpace(_endpoint);

    internal CosmosTimelineStore Store => _store ?? throw new InvalidOperationException(SkipReason);

    internal CosmosIdentityStore IdentityStore => _identityStore ?? throw new InvalidOperationException(SkipReason);

    internal CosmosAlertStore AlertStore => _alertStore ?? throw new InvalidOperationException(SkipReason);

    internal CosmosDetectorStateStore StateStore => _stateStore ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        var endpoint = new Uri(_endpoint!);
        _options = new CosmosStorageOptions
        {
            AccountEndpoint = _endpoint,
            AccountKey = Environment.GetEnvironmentVariable("COSMOS_KEY")
                ?? throw new InvalidOperationException("COSMOS_ENDPOINT is set but COSMOS_KEY is not."),
            DatabaseName = $"touchpoints-test-{Guid.NewGuid():N}",
            Emulator = endpoint.IsLoopback
                || string.Equals(Environment.GetEnvironmentVariable("COSMOS_EMULATOR"), "true", StringComparison.OrdinalIgnoreCase),
        };
        _client = CosmosClientFactory.Create(_options);
        await CosmosContainerDefinitions.EnsureCreatedAsync(_client, _options, CancellationToken.None);
        _store = new CosmosTimelineStore(
            _client.GetContainer(_options.DatabaseName, _options.TimelineContainerName),
            _options,
            TimeProvider.System,
            NullLogger<CosmosTimelineStore>.Instance);
        _identityStore = new CosmosIdentityStore(_client.GetContainer(_options.DatabaseName, _options.IdentitiesContainerName), _options, TimeProvider.System);
        _alertStore = new CosmosAlertStore(_client.GetContainer(_options.DatabaseName, _options.AlertsContainerName), _options, TimeProvider.System);
        _stateStore = new CosmosDetectorStateStore(_client.GetContainer(_options.DatabaseName, _options.StateContainerName), _options, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            await _client.GetDatabase(_options!.DatabaseName).DeleteStreamAsync();
        }
        finally
        {
            _client.Dispose();
        }
    }
}
