using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Simulator;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Observability;

/// <summary>
/// The handler's own metrics (<c>GET /api/metrics</c>, forwarded by the dev host like in Azure) after a simulated run
/// hold the numbers the simulator measured from outside: events accepted, stored, quarantined, alerts raised and the
/// delivered-to-raised latency of every streaming alert.
/// </summary>
public sealed class SimulationMetricsTests
{
    [Fact]
    public async Task Metrics_AfterSimulatedRun_MatchTheSimulatorsReport()
    {
        await using var host = await RunningDevHost.StartAsync(
            appPath: null, handlerUrl: null, time: null,
            "--simulate", "--seed", "5151", "--customers", "110", "--rate", "0", "--exit-when-done", "false");
        var report = await host.Services.GetRequiredService<SimulationRunner>().Completion
            .WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        Assert.True(report.Drained, "the simulated run drained");

        using var metrics = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/api/metrics", UriKind.Relative), TestContext.Current.CancellationToken));
        var root = metrics.RootElement;

        Assert.Equal(report.EventsAccepted, Sum(root, "touchpoint.events.received"));
        Assert.Equal(report.EventsAccepted, Sum(root, "touchpoint.events.stored"));
        Assert.Equal(0, Sum(root, "touchpoint.events.duplicates"));
        Assert.Equal(report.EventsQuarantined ?? 0, Sum(root, "touchpoint.events.quarantined"));
        Assert.Equal(0, Sum(root, "touchpoint.batches.parked"));
        Assert.Equal(report.EventsAccepted, Sum(root, "touchpoint.collector.events", ("outcome", "accepted")));
        Assert.Equal(report.EventsRejected, Sum(root, "touchpoint.collector.events", ("outcome", "rejected")));
        Assert.Equal(["calls", "chats", "clickstream"], Tags(root, "counters", "touchpoint.events.received", "hub"));
        Assert.Equal(report.Injected.Count, Sum(root, "touchpoint.alerts.raised"));
        Assert.Equal(report.Alerts, Sum(root, "touchpoint.alerts.delivered", ("target", "hub")));
        foreach (var rule in report.Rules)
        {
            Assert.Equal(rule.Alerts, Sum(root, "touchpoint.alerts.raised", ("rule", rule.Rule)));
        }

        // Same definition as the report's delivered->alert latency (alert createdAt - incident event's enqueued time),
        // sampled by the pipeline only when the incident event is in the batch that raised the alert: a subset of the
        // report's samples, so never above its maximum.
        var latency = Histograms(root, "touchpoint.alert.latency").ToList();
        var samples = latency.Sum(h => h.GetProperty("count").GetInt64());
        Assert.InRange(samples, 1, report.DeliveredToAlertMs.Count);
        Assert.True(latency.Max(h => h.GetProperty("max").GetDouble()) * 1000 <= report.DeliveredToAlertMs.Max!.Value + 0.5,
            $"pipeline max {latency.Max(h => h.GetProperty("max").GetDouble()) * 1000} ms, simulator max {report.DeliveredToAlertMs.Max} ms");
        Assert.True(Histograms(root, "touchpoint.batch.duration").Sum(h => h.GetProperty("count").GetInt64()) > 0);
    }

    private static long Sum(JsonElement root, string name, params (string Key, string Value)[] tags) =>
        (long)root.GetProperty("counters").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == name)
            .Where(c => tags.All(t => c.GetProperty("tags").TryGetProperty(t.Key, out var v) && v.GetString() == t.Value))
            .Sum(c => c.GetProperty("value").GetDouble());

    private static IEnumerable<JsonElement> Histograms(JsonElement root, string name) =>
        root.GetProperty("histograms").EnumerateArray().Where(h => h.GetProperty("name").GetString() == name);

    private static List<string> Tags(JsonElement root, string kind, string name, string tag) =>
        [.. root.GetProperty(kind).EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == name)
            .Select(c => c.GetProperty("tags").GetProperty(tag).GetString()!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
