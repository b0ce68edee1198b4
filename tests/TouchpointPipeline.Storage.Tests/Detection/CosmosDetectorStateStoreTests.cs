using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.Detection;

public sealed class CosmosDetectorStateStoreTests(CosmosStoresFixture fixture) : DetectorStateStoreContractTests, IClassFixture<CosmosStoresFixture>
{
    protected override IDetectorStateStore Store => fixture.StateStore;
}
