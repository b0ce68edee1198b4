using System.Runtime.Versioning;
using TouchpointPipeline.Deployment.Tests.Support;

// The Bicep CLI package is linux-x64 and the package checks read Unix file modes.
[assembly: SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(CompiledTemplate))]
