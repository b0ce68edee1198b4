using System.Text.Json.Nodes;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>The package azd deploys has the layout the Functions host needs (docs/host-protocol.md §8).</summary>
public sealed class PackageLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public void Package_Script_Succeeds()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Describe());
    }

    [Fact]
    public void Package_HasHostJsonAtRoot()
    {
        Assert.True(File.Exists(Path.Combine(package.Root, "host.json")), package.Result.Describe());
    }

    [Fact]
    public void Package_HasFunctionJsonOfEverySourceFunction()
    {
        var source = FunctionDefinition.Discover(Repository.FunctionMetadataDirectory).Select(f => f.Name).ToList();

        var packaged = FunctionDefinition.Discover(package.Root).Select(f => f.Name).ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source, packaged);
    }

    [Fact]
    public void Package_HasEveryShippedDetectionRule()
    {
        var source = Directory.GetFiles(Path.Combine(Repository.FunctionAppDirectory, "rules"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        var packaged = Directory.GetFiles(Path.Combine(package.Root, "rules"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source, packaged);
    }

    [Fact]
    public void Package_FunctionBindings_AreImplementedByTheHandler()
    {
        var functions = FunctionDefinition.Discover(package.Root);

        Assert.NotEmpty(functions);
        Assert.All(functions, function =>
        {
            Assert.NotEmpty(function.Bindings);
            Assert.All(function.Bindings, binding =>
                Assert.Contains(binding["type"]!.GetValue<string>(), FunctionDefinition.ImplementedBindingTypes));
        });
    }

    [Fact]
    public void Package_ExecutableNamedByHostJson_IsPresentAndExecutable()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Root, "host.json")))!;
        var executable = hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        var path = Path.Combine(package.Root, executable);

        Assert.True(File.Exists(path), $"{executable} missing from the package");
        Assert.Equal(ExecuteBits, File.GetUnixFileMode(path) & ExecuteBits);
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], File.ReadAllBytes(path)[..4]);
    }

    [Fact]
    public void Package_IsSelfContainedForLinuxX64()
    {
        var runtimeConfig = Directory.GetFiles(package.Root, "*.runtimeconfig.json").Single();
        var options = JsonNode.Parse(File.ReadAllText(runtimeConfig))!["runtimeOptions"]!;

        Assert.NotNull(options["includedFrameworks"]);
        Assert.True(File.Exists(Path.Combine(package.Root, "libcoreclr.so")));
    }

    [Fact]
    public void Package_ExcludesLocalSettings()
    {
        Assert.False(File.Exists(Path.Combine(package.Root, "local.settings.json")));
    }
}
