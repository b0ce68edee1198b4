using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.Identity;

public sealed class CosmosIdentityStoreTests(CosmosStoresFixture fixture) : IdentityStoreContractTests, IClassFixture<CosmosStoresFixture>
{
    protected override IIdentityStore Store => fixture.IdentityStore;
}
