using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.Replay;

/// <summary><c>ReplayParked</c> through the real endpoint: parked batches go through the ingest path once, are deleted, and a replay again changes nothing.</summary>
public sealed class ReplayParkedTests : IAsyncLifetime
{
    private readonly PipelineAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ReplayParked_ParkedBatchesTwice_StoredAndAlertedOnceThenDeleted()
    {
        var now = DateTime.UtcNow;
        var clicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"rp-{i}", "cust-replay", time: now.AddSeconds(-3 + (0.2 * i)))).ToList();
        var payload = EventHubPayloads.EventHubBatch(clicks, firstEnqueued: now);
        var other = EventHubPayloads.EventHubBatch([TestEvents.Click("rp-other", "cust-other", time: now)], hub: "calls", partitionId: "1",
            firstEnqueued: now, functionName: "IngestCalls");
        var parked = _app.Services.GetRequiredService<IParkedBatchStore>();
        await parked.ParkAsync(Parked("IngestClickstream", "clickstream-p3-s1000-1002", payload, now), Ct);
        await parked.ParkAsync(Parked("IngestCalls", "calls-p1-s1000-1000", other, now), Ct);

        var onlyClicks = await ReplayAsync("?function=IngestClickstream");
        await parked.ParkAsync(Parked("IngestClickstream", "clickstream-p3-s1000-1002", payload, now), Ct);
        var again = await ReplayAsync("?id=clickstream-p3-s1000-1002");
        var rest = await ReplayAsync(string.Empty);
        var nothing = await ReplayAsync(string.Empty);

        Assert.Equal(1, onlyClicks["batches"]!.GetValue<int>());
        Assert.Equal(3, onlyClicks["stored"]!.GetValue<int>());
        Assert.Equal("replayed", onlyClicks["items"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(0, again["stored"]!.GetValue<int>());
        Assert.Equal(3, again["duplicates"]!.GetValue<int>());
        Assert.Equal("IngestCalls/calls-p1-s1000-1000", rest["items"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(0, nothing["batches"]!.GetValue<int>());
        Assert.Empty(await parked.ListAsync(Ct));
        Assert.Equal(3, (await _app.ReadTimelineAsync("cust-replay")).Count);
        var alerts = await _app.Services.GetRequiredService<IAlertStore>().ListAsync(new AlertQuery(CustomerKey: "cust-replay"), Ct);
        var alert = Assert.Single(alerts.Items);
        Assert.Equal(AlertChannels.All, alert.Undelivered);
    }

    [Fact]
    public async Task ReplayParked_UndecodablePayload_ReportedFailedAndKept()
    {
        var parked = _app.Services.GetRequiredService<IParkedBatchStore>();
        await parked.ParkAsync(Parked("IngestClickstream", "bad", "<html>not a batch", DateTime.UtcNow), Ct);

        var report = await ReplayAsync(string.Empty);
        using var badTime = await _app.CreateClient().PostAsync("/api/replay/parked?from=yesterday", null, Ct);

        Assert.Equal(1, report["failed"]!.GetValue<int>());
        Assert.NotNull(report["items"]![0]!["error"]);
        Assert.Single(await parked.ListAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
    }

    private static ParkedBatch Parked(string function, string batchId, string payload, DateTime at) =>
        new(batchId, function, at, 6, "System.Net.Http.HttpRequestException", "store down (test)", Encoding.UTF8.GetBytes(payload));

    private async Task<JsonObject> ReplayAsync(string query)
    {
        using var response = await _app.CreateClient().PostAsync("/api/replay/parked" + query, null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
