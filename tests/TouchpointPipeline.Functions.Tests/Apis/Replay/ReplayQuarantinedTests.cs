using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.Replay;

/// <summary>
/// <c>ReplayQuarantined</c> through the real endpoint: events quarantined before a fix are re-validated and stored
/// once, those that still fail stay in their one record with their new reason, and a second replay changes nothing.
/// </summary>
public sealed class ReplayQuarantinedTests : IAsyncLifetime
{
    private readonly PipelineAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ReplayQuarantined_FixedAndStillInvalidEventsTwice_StoredAndAlertedOnceAndRestKeptOnceWithNewReason()
    {
        var now = DateTime.UtcNow;
        var fixedClicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"rq-{i}", "cust-rq", time: now.AddSeconds(-3 + (0.2 * i)))).ToList();
        var stillInvalid = TestEvents.Click("rq-bad", "cust-rq", time: now).Replace("\"channel\":\"web\"", "\"channel\":\"pigeon\"", StringComparison.Ordinal);
        var quarantine = _app.Services.GetRequiredService<IQuarantineStore>();
        await quarantine.WriteAsync(Record("clickstream-p3-s1000-1003", now, [.. fixedClicks, stillInvalid]), Ct);
        await quarantine.WriteAsync(Record("calls-p1-s5-5", now, [TestEvents.Click("rq-calls", "cust-calls", time: now)], hub: "calls", function: "IngestCalls"), Ct);

        var first = await ReplayAsync("?function=IngestClickstream");
        var second = await ReplayAsync("?function=IngestClickstream");

        Assert.Equal(1, first["batches"]!.GetValue<int>());
        Assert.Equal(4, first["received"]!.GetValue<int>());
        Assert.Equal(3, first["stored"]!.GetValue<int>());
        Assert.Equal(1, first["quarantined"]!.GetValue<int>());
        Assert.Equal(1, second["received"]!.GetValue<int>());
        Assert.Equal(0, second["stored"]!.GetValue<int>());
        Assert.Equal(1, second["quarantined"]!.GetValue<int>());
        Assert.Equal(3, (await _app.ReadTimelineAsync("cust-rq")).Count);
        var alerts = await _app.Services.GetRequiredService<IAlertStore>().ListAsync(new AlertQuery(CustomerKey: "cust-rq"), Ct);
        Assert.Single(alerts.Items);
        var left = _app.ReadQuarantine();
        Assert.Equal(2, left.Count);
        var bad = Assert.Single(left, r => r.GetProperty("eventId").GetString() == "rq-bad");
        Assert.Equal(QuarantineReason.Invalid, bad.GetProperty("reason").GetString());
        Assert.Equal("channel", bad.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(2, (await quarantine.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task ReplayQuarantined_OneEventId_OnlyThatEventLeavesTheRecord()
    {
        var now = DateTime.UtcNow;
        var quarantine = _app.Services.GetRequiredService<IQuarantineStore>();
        await quarantine.WriteAsync(Record("clickstream-p3-s2000-2001", now, [TestEvents.Click("rq-one", "cust-one", time: now), TestEvents.Click("rq-two", "cust-one", time: now)]), Ct);

        var report = await ReplayAsync("?id=rq-two");

        Assert.Equal(1, report["stored"]!.GetValue<int>());
        Assert.Equal("rq-two", Assert.Single(await _app.ReadTimelineAsync("cust-one")).GetProperty("id").GetString());
        var left = Assert.Single(_app.ReadQuarantine());
        Assert.Equal("rq-one", left.GetProperty("eventId").GetString());
        Assert.Equal(QuarantineReason.Unprocessable, left.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ReplayQuarantined_QuarantinedByTheIngestFunction_ReplayKeepsOneRecordAndOneLine()
    {
        var payload = EventHubPayloads.EventHubBatch(["{\"id\":\"rq-malformed\"", TestEvents.Click("rq-ok", "cust-ok")]);
        using (var response = await _app.InvokeAsync("IngestClickstream", payload))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var before = _app.ReadQuarantine();
        var report = await ReplayAsync("?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");
        var outOfRange = await ReplayAsync("?to=2026-11-19T00:00:00Z");
        using var badTime = await _app.CreateClient().PostAsync("/api/replay/quarantined?to=tomorrow", null, Ct);

        Assert.Equal(1, report["batches"]!.GetValue<int>());
        Assert.Equal(1, report["quarantined"]!.GetValue<int>());
        Assert.Equal(0, outOfRange["batches"]!.GetValue<int>());
        var after = Assert.Single(_app.ReadQuarantine());
        Assert.Equal(Assert.Single(before).GetProperty("reason").GetString(), after.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
    }

    private static QuarantineBatch Record(string batchId, DateTime at, IReadOnlyList<string> bodies, string hub = "clickstream", string function = "IngestClickstream") =>
        new(batchId, function, hub, at, [.. bodies.Select((b, i) => new QuarantinedEvent(
            QuarantineReason.Unprocessable,
            [new ValidationError("$", "unprocessable", "NullReferenceException: fixed since (test)")],
            Encoding.UTF8.GetBytes(b),
            new SourcePosition(hub, "3", null, 1000 + i, at, null),
            JsonNode.Parse(b)?["id"]?.GetValue<string>()))]);

    private async Task<JsonObject> ReplayAsync(string query)
    {
        using var response = await _app.CreateClient().PostAsync("/api/replay/quarantined" + query, null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
