using System.Diagnostics;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests;

/// <summary>
/// The source keeps every function.json under FunctionMetadata/&lt;Function&gt;/, but the Functions host (and the dev host,
/// and package.sh) read &lt;app&gt;/&lt;Function&gt;/function.json: build and publish must produce exactly that layout.
/// </summary>
public sealed class FunctionMetadataLayoutTests
{
    [Fact]
    public void BuildOutput_SourceFunctionMetadata_EveryFunctionJsonAtOutputRootAndNoOther()
    {
        var expected = FunctionAppProject.SourceFunctionNames().Select(name => $"{name}/function.json").ToList();

        var built = FunctionAppProject.FunctionJsonFiles(FunctionAppProject.OutputDirectory);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, built);
        Assert.True(File.Exists(Path.Combine(FunctionAppProject.OutputDirectory, "host.json")));
    }

    [Fact]
    public async Task Publish_FunctionApp_PackageRootHasEveryFunctionJsonHostJsonAndRules()
    {
        var expectedFunctions = FunctionAppProject.SourceFunctionNames().Select(name => $"{name}/function.json").ToList();
        var expectedRules = RuleFileNames(Path.Combine(FunctionAppProject.ProjectDirectory, "rules"));
        var package = Directory.CreateTempSubdirectory("tp-publish-").FullName;
        try
        {
            // --no-build (hence no restore) publishes the build these tests run against (the solution build, Release in
            // CI): the publish step alone decides the package layout. Skipping the build keeps this to seconds on a
            // 2-core machine and leaves the project's bin/ untouched for the test assemblies running beside this one.
            // The full self-contained package is built by infra/scripts/package.sh, checked in Deployment.Tests.
            var (exitCode, output) = await RunDotnetAsync(
                ["publish", FunctionAppProject.ProjectFile, "--configuration", FunctionAppProject.Configuration, "--no-build",
                    "--output", package, "--nologo", "--disable-build-servers"],
                TimeSpan.FromMinutes(5));

            Assert.True(exitCode == 0, output);
            Assert.NotEmpty(expectedFunctions);
            Assert.Equal(expectedFunctions, FunctionAppProject.FunctionJsonFiles(package));
            Assert.True(File.Exists(Path.Combine(package, "host.json")), output);
            Assert.NotEmpty(expectedRules);
            Assert.Equal(expectedRules, RuleFileNames(Path.Combine(package, "rules")));
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    private static List<string> RuleFileNames(string directory) =>
        [.. Directory.GetFiles(directory, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = FunctionAppProject.ProjectDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
