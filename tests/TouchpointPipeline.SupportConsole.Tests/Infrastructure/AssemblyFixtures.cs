using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ChromiumFixture))]
