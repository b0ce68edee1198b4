using System.Net.Http.Json;
using System.Text.Json;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterAnIngestBatch_CountsItsEventsPerHubAndTimesTheBatch()
    {
        await using var app = new PipelineAppFactory();
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("m-1", "cust-m"), TestEvents.Click("m-2", "cust-m"), "{not json"]);
        using (var first = await app.InvokeAsync("IngestClickstream", payload))
        {
            first.EnsureSuccessStatusCode();
        }

        using (var redelivered = await app.InvokeAsync("IngestClickstream", payload))
        {
            redelivered.EnsureSuccessStatusCode();
        }

        var metrics = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(6, Counter(metrics, "touchpoint.events.received", "hub", "clickstream"));
        Assert.Equal(2, Counter(metrics, "touchpoint.events.stored", "hub", "clickstream"));
        Assert.Equal(2, Counter(metrics, "touchpoint.events.duplicates", "hub", "clickstream"));
        Assert.Equal(2, Counter(metrics, "touchpoint.events.quarantined", "reason", "malformed"));
        var duration = metrics.GetProperty("histograms").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "touchpoint.batch.duration");
        Assert.Equal(2, duration.GetProperty("count").GetInt64());
        Assert.Equal("s", duration.GetProperty("unit").GetString());
        var received = metrics.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "touchpoint.events.received");
        Assert.Equal(6, received.GetProperty("recent").EnumerateArray().Sum(v => v.GetDouble()));
    }

    private static double Counter(JsonElement metrics, string name, string tag, string value) =>
        metrics.GetProperty("counters").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == name && c.GetProperty("tags").GetProperty(tag).GetString() == value)
            .Sum(c => c.GetProperty("value").GetDouble());
}
