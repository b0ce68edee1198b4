using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Identity;

public sealed class CosmosIdentityStoreTests(CosmosTimelineStoreFixture fixture) : IdentityStoreContractTests, IClassFixture<CosmosTimelineStoreFixture>
{
    protected override IIdentityStore Store
    {
        get
        {
            Assert.SkipUnless(fixture.Available, CosmosTimelineStoreFixture.SkipReason);
            return fixture.IdentityStore;
        }
    }
}
