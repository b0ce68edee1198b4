using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.Alerts;

public sealed class CosmosAlertStoreTests(CosmosStoresFixture fixture) : AlertStoreContractTests, IClassFixture<CosmosStoresFixture>
{
    protected override IAlertStore Store => fixture.AlertStore;
}
