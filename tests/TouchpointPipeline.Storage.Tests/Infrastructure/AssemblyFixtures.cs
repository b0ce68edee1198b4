using TouchpointPipeline.Storage.Tests.Infrastructure;

// One Azurite and one Cosmos DB server for the whole assembly: starting each costs a second or two.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(CosmosServerFixture))]
