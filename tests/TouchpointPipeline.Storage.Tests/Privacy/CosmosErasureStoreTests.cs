using System.Text.Json;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.Privacy;

public sealed class CosmosErasureStoreTests(CosmosStoresFixture fixture) : ErasureStoreContractTests, IClassFixture<CosmosStoresFixture>
{
    protected override IErasureStore Store => fixture.ErasureStore;

    protected override ITimelineStore Timelines => fixture.Store;

    protected override IIdentityStore Identities => fixture.IdentityStore;

    protected override IAlertStore Alerts => fixture.AlertStore;

    protected override IDetectorStateStore States => fixture.StateStore;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The server does not expire items (no TTL), so what is verified here is that the TTL properties are set and read
    // back through the real SDK; expiry itself is Cosmos DB's (docs/cosmos.md).
    [Theory]
    [InlineData("timeline", 395)]
    [InlineData("alerts", 395)]
    [InlineData("identities", 395)]
    [InlineData("state", 30)]
    public async Task EnsureCreatedAsync_EveryContainer_HasTheDefaultRetentionAsDefaultTtl(string container, int days)
    {
        var properties = await fixture.Client.GetContainer(fixture.Options.DatabaseName, container).ReadContainerAsync(cancellationToken: Ct);

        Assert.Equal(days * 86_400, properties.Resource.DefaultTimeToLive);
    }

    [Fact]
    public async Task AddTombstonesAsync_TombstoneItem_CarriesItsOwnTtl()
    {
        await Store.AddTombstonesAsync([$"sha256:ttl-{Guid.NewGuid():N}"], DateTimeOffset.UtcNow, Ct);

        using var response = await fixture.Client.GetContainer(fixture.Options.DatabaseName, fixture.Options.IdentitiesContainerName)
            .ReadItemStreamAsync("tombstones", new PartitionKey("erasure:tombstones"), cancellationToken: Ct);
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: Ct);

        Assert.Equal(new RetentionOptions().TombstoneDays * 86_400, document.RootElement.GetProperty("ttl").GetInt32());
    }
}
