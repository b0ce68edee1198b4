using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>The contract against Cosmos DB; every test reports skipped when <c>COSMOS_ENDPOINT</c> is not set.</summary>
public sealed class CosmosTimelineStoreTests(CosmosTimelineStoreFixture fixture)
    : TimelineStoreContractTests, IClassFixture<CosmosTimelineStoreFixture>
{
    protected override ITimelineStore Store
    {
        get
        {
            Assert.SkipUnless(fixture.Available, CosmosTimelineStoreFixture.SkipReason);
            return fixture.Store;
        }
    }
}
