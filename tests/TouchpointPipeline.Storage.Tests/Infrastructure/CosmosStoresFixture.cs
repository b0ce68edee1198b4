using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Infrastructure;

/// <summary>
/// The four Cosmos DB stores exactly as the app builds them (<see cref="CosmosServiceCollectionExtensions.AddCosmosStores"/>
/// over one <see cref="CosmosClient"/>), on a database of its own on the <see cref="CosmosServerFixture"/> endpoint,
/// created with <see cref="CosmosContainerDefinitions.EnsureCreatedAsync"/> and deleted afterwards.
/// </summary>
public sealed class CosmosStoresFixture(CosmosServerFixture server) : IAsyncLifetime
{
    private CosmosClient? _client;
    private ServiceProvider? _services;
    private CosmosStorageOptions? _options;

    internal ITimelineStore Store => Get<ITimelineStore>();

    internal IIdentityStore IdentityStore => Get<IIdentityStore>();

    internal IAlertStore AlertStore => Get<IAlertStore>();

    internal IDetectorStateStore StateStore => Get<IDetectorStateStore>();

    internal IErasureStore ErasureStore => Get<IErasureStore>();

    /// <summary>The fixture's client and settings, for reading container and item properties through the SDK.</summary>
    internal CosmosClient Client => _client ?? throw new InvalidOperationException("The Cosmos DB stores are not initialized.");

    internal CosmosStorageOptions Options => _options ?? throw new InvalidOperationException("The Cosmos DB stores are not initialized.");

    public async ValueTask InitializeAsync()
    {
        _options = server.NewOptions();
        _client = server.CreateClient(_options);
        await CosmosContainerDefinitions.EnsureCreatedAsync(_client, _options, CancellationToken.None);
        var settings = _options;
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(_client)
            .AddCosmosStores(o =>
            {
                o.AccountEndpoint = settings.AccountEndpoint;
                o.AccountKey = settings.AccountKey;
                o.DatabaseName = settings.DatabaseName;
                o.Emulator = settings.Emulator;
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            // The provider does not own the client (registered as an instance): deleted and disposed below.
            await _services.DisposeAsync();
        }

        if (_client is null)
        {
            return;
        }

        try
        {
            using var _ = await _client.GetDatabase(_options!.DatabaseName).DeleteStreamAsync();
        }
        finally
        {
            _client.Dispose();
        }
    }

    private T Get<T>()
        where T : notnull
    {
        server.RecordTestRun();
        return (_services ?? throw new InvalidOperationException("The Cosmos DB stores are not initialized.")).GetRequiredService<T>();
    }
}
