using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Alerts;

public sealed class CosmosAlertStoreTests(CosmosTimelineStoreFixture fixture) : AlertStoreContractTests, IClassFixture<CosmosTimelineStoreFixture>
{
    protected override IAlertStore Store
    {
        get
        {
            Assert.SkipUnless(fixture.Available, CosmosTimelineStoreFixture.SkipReason);
            return fixture.AlertStore;
        }
    }
}
