using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>The contract against Cosmos DB through the real SDK (see <see cref="CosmosServerFixture"/> for where).</summary>
public sealed class CosmosTimelineStoreTests(CosmosStoresFixture fixture)
    : TimelineStoreContractTests, IClassFixture<CosmosStoresFixture>
{
    protected override ITimelineStore Store => fixture.Store;
}
