using TouchpointPipeline.Storage.Tests.Infrastructure;

// One Azurite for the whole assembly: starting it costs a second or two.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
