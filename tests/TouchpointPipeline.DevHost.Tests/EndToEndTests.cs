using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests;

/// <summary>
/// The dev host with the real function app as a child process: events appended to the embedded log are delivered to
/// the real ingest functions, read back through the forwarded timeline API, and a forced redelivery changes nothing.
/// </summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task DevHost_RealApp_EventsFlowToTheTimelineAndRedeliveryChangesNothing()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var now = DateTimeOffset.UtcNow;
        var customers = new[] { "e2e-ann", "e2e-bob", "e2e-cid" };
        var messages = customers
            .SelectMany(c => Enumerable.Range(0, 4).Select(i => (Key: (string?)c, Body: TestClicks.Click($"{c}-{i}", c, now.AddSeconds(-10 + i)))))
            .ToArray();

        await host.AppendAsync("clickstream", messages);
        var processed = await Eventually.UntilAsync(host.StatusAsync, IsCaughtUp(messages.Length), "all events checkpointed", TimeSpan.FromSeconds(90));
        var before = await host.TimelineIdsAsync(customers, TestContext.Current.CancellationToken);

        using var redeliver = await host.Client.PostAsJsonAsync("/_devhost/redeliver", new { hub = "clickstream", fromSequenceNumber = 0 }, TestContext.Current.CancellationToken);
        redeliver.EnsureSuccessStatusCode();
        var redelivered = await Eventually.UntilAsync(host.StatusAsync, s => IsCaughtUp(messages.Length)(s) && Sum(s, "eventsDelivered") >= 2 * messages.Length, "the redelivery", TimeSpan.FromSeconds(90));
        var after = await host.TimelineIdsAsync(customers, TestContext.Current.CancellationToken);

        Assert.Equal(messages.Length, Sum(processed, "eventsDelivered"));
        Assert.All(customers, c => Assert.Equal(4, before[c].Count));
        Assert.All(customers, c => Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{c}-{i}").Order(StringComparer.Ordinal), before[c].Order(StringComparer.Ordinal)));
        Assert.True(Sum(redelivered, "redeliveries") >= 1);
        Assert.Equal(0, Sum(redelivered, "failedBatches"));
        Assert.Equal(before, after);
    }

    private static Func<JsonElement, bool> IsCaughtUp(int expected) => status =>
        status.GetProperty("idle").GetBoolean()
        && status.GetProperty("pending").GetInt64() == 0
        && Sum(status, "eventsDelivered") >= expected;

    private static long Sum(JsonElement status, string counter) =>
        status.GetProperty("consumers").EnumerateArray()
            .Where(c => c.GetProperty("hub").GetString() == "clickstream")
            .SelectMany(c => c.GetProperty("partitions").EnumerateArray())
            .Sum(p => p.GetProperty(counter).GetInt64());
}
