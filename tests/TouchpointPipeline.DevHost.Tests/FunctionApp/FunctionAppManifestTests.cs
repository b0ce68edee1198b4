using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.FunctionApp;

public sealed class FunctionAppManifestTests
{
    // The dev host's shipped defaults (devhost.settings.json): they must resolve every %Setting% the real app uses,
    // or `dotnet run` of the dev host fails at start.
    private static readonly AppSettings Defaults = AppSettingsLoader.Load(new DevHostOptions(), Directory.GetCurrentDirectory());

    [Fact]
    public void Load_RealFunctionApp_FindsEveryFunctionJsonOfTheSource()
    {
        var built = DevHostApplication.BuiltFunctionAppDirectory();
        // bin/<Configuration>/<TargetFramework>/ of the Functions project; its source keeps the function.json files
        // under FunctionMetadata/, and the build copies each to <output>/<Function>/function.json.
        var source = Path.GetFullPath(Path.Combine(built, "../../..", "FunctionMetadata"));
        var expected = Directory.GetDirectories(source)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var manifest = FunctionAppManifest.Load(built, Defaults);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, manifest.Functions.Select(f => f.Name).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Load_RealFunctionApp_ResolvesSettingsAndReadsHostJson()
    {
        var manifest = FunctionAppManifest.Load(DevHostApplication.BuiltFunctionAppDirectory(), Defaults);

        var clickstream = manifest.Functions.Single(f => f.Name == "IngestClickstream");
        Assert.Equal("clickstream", clickstream.Trigger!.GetString("eventHubName"));
        Assert.Equal("pipeline", clickstream.Trigger.GetString("consumerGroup"));
        Assert.Equal(RetryPolicy.ExponentialBackoff, clickstream.Retry!.Strategy);
        Assert.Equal(-1, clickstream.Retry.MaxRetryCount);
        Assert.Equal(100, manifest.Host.EventHubs.MaxEventBatchSize);
        Assert.Equal(1, manifest.Host.EventHubs.MinEventBatchSize);
        Assert.Null(manifest.Host.EventHubs.MaxWaitTime); // unused by the extension while minEventBatchSize is 1
        Assert.Equal("api", manifest.Host.RoutePrefix);
        Assert.True(manifest.Host.EnableForwardingHttpRequest);
        Assert.Equal("TouchpointPipeline.Functions", manifest.Host.Handler.DefaultExecutablePath);
        Assert.All(manifest.WithTrigger("httpTrigger"), f => Assert.True(f.IsHttpInAndOut, f.Name));
    }

    [Fact]
    public void Load_UnknownSetting_FailsNamingTheSettingAndFile()
    {
        using var app = new TestFunctionApp().With("Ingest", """
            { "bindings": [ { "type": "eventHubTrigger", "direction": "in", "name": "events", "eventHubName": "%NoSuchHub%", "cardinality": "many" } ] }
            """);

        var error = Assert.Throws<FunctionAppException>(() => FunctionAppManifest.Load(app.Directory, new AppSettings([])));

        Assert.Contains("NoSuchHub", error.Message, StringComparison.Ordinal);
        Assert.Contains("function.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DisabledBySetting_SkipsTheFunction()
    {
        using var app = new TestFunctionApp()
            .With("Kept", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *" } ] }""")
            .With("Off", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *" } ] }""");

        var manifest = FunctionAppManifest.Load(app.Directory, new AppSettings(new Dictionary<string, string> { ["AzureWebJobs.Off.Disabled"] = "true" }));

        Assert.Equal(["Kept"], manifest.Functions.Select(f => f.Name));
    }

    [Fact]
    public void Load_HostRetryAndNoFunctionRetry_UsesTheHostPolicy()
    {
        using var app = new TestFunctionApp("""
            { "customHandler": { "description": { "defaultExecutablePath": "h" } },
              "retry": { "strategy": "fixedDelay", "maxRetryCount": 2, "delayInterval": "00:00:03" } }
            """).With("T", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *" } ] }""");

        var manifest = FunctionAppManifest.Load(app.Directory, new AppSettings([]));

        Assert.Equal(new RetryPolicy(RetryPolicy.FixedDelay, 2, TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.Zero), manifest.Functions[0].Retry);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 60)]
    [InlineData(40, 60)]
    public void DelayBefore_ExponentialBackoff_DoublesFromMinimumUpToMaximum(int retry, int expectedSeconds)
    {
        var policy = new RetryPolicy(RetryPolicy.ExponentialBackoff, 5, TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayBefore(retry));
    }
}
