using System.Globalization;
using System.Text.Json;
using TouchpointPipeline.DevHost.Commands;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Commands;

/// <summary>The dev host command <c>replay parked|quarantined</c>: usage errors without a network call, and the report of a real replay.</summary>
public sealed class ReplayCommandTests
{
    [Theory]
    [InlineData(new string[0], "say what to replay")]
    [InlineData(new[] { "everything" }, "neither parked nor quarantined")]
    [InlineData(new[] { "parked", "--from" }, "--from needs a value")]
    [InlineData(new[] { "quarantined", "--since", "x" }, "unknown option '--since'")]
    [InlineData(new[] { "parked", "--timeout", "soon" }, "--timeout must be")]
    public async Task RunAsync_BadArguments_ExitCode2WithUsage(string[] args, string problem)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReplayCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains(problem, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(ReplayCommand.Usage, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RunAsync_NothingListening_ExitCode1NamesTheUrl()
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Handler.HandlerProcess.FreePort()}");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReplayCommand.RunAsync(["parked", "--url", url], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains($"nothing answers at {url}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RealDevHost_PrintsTheReportsAndABadFilterFails()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var invalid = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = "cmd-bad", ["source"] = "web/shop", ["type"] = "element.clicked", ["time"] = now,
            ["customerid"] = "cmd-cust", ["channel"] = "pigeon", ["data"] = new Dictionary<string, object> { ["selector"] = "#x", ["x"] = 1, ["y"] = 1, ["url"] = "https://shop.example/" },
        });
        await host.AppendAsync("clickstream", ("cmd-cust", invalid));
        await Eventually.UntilAsync(host.StatusAsync, s => s.GetProperty("idle").GetBoolean() && s.GetProperty("pending").GetInt64() == 0, "the invalid event checkpointed", TimeSpan.FromSeconds(90));
        var url = host.Client.BaseAddress!.ToString();

        var (quarantinedExit, quarantined) = await RunAsync(["quarantined", "--url", url, "--function", "IngestClickstream"]);
        var (parkedExit, parked) = await RunAsync(["parked", "--url", url]);
        var (badExit, bad) = await RunAsync(["parked", "--url", url, "--from", "yesterday"]);

        Assert.Equal(0, quarantinedExit);
        Assert.StartsWith("Replay of quarantined: 1 records, 1 replayed, 0 failed; 1 events received, 0 stored, 0 duplicates, 1 still quarantined", quarantined, StringComparison.Ordinal);
        Assert.Contains("  replayed  clickstream/", quarantined, StringComparison.Ordinal);
        Assert.Equal(0, parkedExit);
        Assert.StartsWith("Replay of parked: 0 batches", parked, StringComparison.Ordinal);
        Assert.Equal(1, badExit);
        Assert.Contains("answered 400", bad, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Text)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ReplayCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString() + error);
    }
}
