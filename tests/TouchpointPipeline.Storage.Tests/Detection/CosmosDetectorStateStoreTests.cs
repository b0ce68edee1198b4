using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Detection;

public sealed class CosmosDetectorStateStoreTests(CosmosTimelineStoreFixture fixture) : DetectorStateStoreContractTests, IClassFixture<CosmosTimelineStoreFixture>
{
    protected override IDetectorStateStore Store
    {
        get
        {
            Assert.SkipUnless(fixture.Available, CosmosTimelineStoreFixture.SkipReason);
            return fixture.StateStore;
        }
    }
}
