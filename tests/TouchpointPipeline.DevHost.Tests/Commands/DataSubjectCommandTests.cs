using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TouchpointPipeline.DevHost.Commands;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Commands;

/// <summary>
/// <c>devhost export</c> and <c>devhost erase</c> against a running dev host with the real app: the export lists the
/// customer's events, the erasure removes them, and a redelivery of the whole hub does not bring them back.
/// </summary>
public sealed class DataSubjectCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportThenErase_RunningDevHost_ExportedErasedAndNotRestoredByRedelivery()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var now = DateTimeOffset.UtcNow;
        (string?, string)[] messages =
        [
            ("cmd-ann", TestClicks.Click("cmd-ann-0", "cmd-ann", now.AddSeconds(-9))),
            ("cmd-ann", TestClicks.Click("cmd-ann-1", "cmd-ann", now.AddSeconds(-8))),
            ("cmd-ann", TestClicks.Click("cmd-ann-2", "cmd-ann", now.AddSeconds(-7))),
            ("cmd-bob", TestClicks.Click("cmd-bob-0", "cmd-bob", now.AddSeconds(-6))),
        ];
        await host.AppendAsync("clickstream", messages);
        await Eventually.UntilAsync(host.StatusAsync, s => Delivered(s) >= messages.Length && s.GetProperty("idle").GetBoolean(), "all events delivered", TimeSpan.FromSeconds(90));
        var url = host.Client.BaseAddress!.ToString();

        var (exportCode, exported, _) = await RunAsync("export", "cmd-ann", "--url", url);
        var (eraseCode, erased, _) = await RunAsync("erase", "cmd-ann", "--url", url);
        using var redeliver = await host.Client.PostAsJsonAsync("/_devhost/redeliver", new { hub = "clickstream", fromSequenceNumber = 0 }, Ct);
        redeliver.EnsureSuccessStatusCode();
        await Eventually.UntilAsync(host.StatusAsync, s => Delivered(s) >= 2 * messages.Length && s.GetProperty("idle").GetBoolean(), "the redelivery", TimeSpan.FromSeconds(90));

        Assert.Equal(0, exportCode);
        Assert.Equal(["cmd-ann-0", "cmd-ann-1", "cmd-ann-2"], JsonNode.Parse(exported)!["timeline"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
        Assert.Equal(0, eraseCode);
        Assert.Equal(3, JsonNode.Parse(erased)!["deleted"]!["timelineItems"]!.GetValue<int>());
        Assert.Empty(await TimelineAsync(host, "cmd-ann"));
        Assert.Equal(["cmd-bob-0"], await TimelineAsync(host, "cmd-bob"));
    }

    [Theory]
    [InlineData("erase")]
    [InlineData("export", "ann", "--url", "ftp://example.test")]
    [InlineData("erase", "ann", "--bogus")]
    public async Task RunAsync_BadArguments_UsageAndExitCode2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith("usage: devhost export|erase", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NothingListening_ExitCode1WithTheReason()
    {
        var (code, _, error) = await RunAsync("erase", "ann", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, code);
        Assert.Contains("cannot reach", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await DataSubjectCommand.RunAsync(args, output, error, Ct);
        return (code, output.ToString(), error.ToString());
    }

    private static long Delivered(JsonElement status) =>
        status.GetProperty("consumers").EnumerateArray()
            .Where(c => c.GetProperty("hub").GetString() == "clickstream")
            .SelectMany(c => c.GetProperty("partitions").EnumerateArray())
            .Sum(p => p.GetProperty("eventsDelivered").GetInt64());

    private static async Task<List<string>> TimelineAsync(RunningDevHost host, string customer)
    {
        var json = await host.Client.GetStringAsync(new Uri($"/api/customers/{customer}/timeline", UriKind.Relative), Ct);
        using var page = JsonDocument.Parse(json);
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }
}
