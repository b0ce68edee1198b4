using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>The shipped file: small, built from the current source, no runtime dependencies.</summary>
public sealed class SdkBuildTests
{
    private const int SizeBudgetBytes = 5 * 1024;

    private static string MinifiedPath => Path.Combine(RepositoryPaths.SdkDist, "touchpoint.min.js");

    [Fact]
    public void MinifiedBuild_GzippedAtLevel9_FitsTheFiveKilobyteBudget()
    {
        var minified = File.ReadAllBytes(MinifiedPath);

        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(minified);
        }

        var report = $"sdk/js/dist/touchpoint.min.js: {minified.Length} bytes minified, {gzipped.Length} bytes min+gzip (level 9); budget {SizeBudgetBytes}";
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sdk-size.txt"), report + Environment.NewLine);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(gzipped.Length <= SizeBudgetBytes, report);
    }

    [Fact]
    public async Task MinifiedBuild_IsUpToDateWithTheSource()
    {
        if (!File.Exists(Path.Combine(RepositoryPaths.Sdk, "node_modules", "terser", "package.json")))
        {
            Assert.Skip("terser is not installed: run `npm ci --prefix sdk/js` (CI does).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(RepositoryPaths.Sdk, "build.mjs"), "--check"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, $"{await output}{await error}");
    }

    [Fact]
    public void Package_HasNoRuntimeDependencies()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Sdk, "package.json")));

        Assert.False(package.RootElement.TryGetProperty("dependencies", out _), "the SDK must not have runtime dependencies");
        Assert.DoesNotContain("require(", File.ReadAllText(MinifiedPath), StringComparison.Ordinal);
        Assert.DoesNotContain("import ", File.ReadAllText(MinifiedPath), StringComparison.Ordinal);
    }
}
