using System.Net;
using System.Text.Json.Nodes;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Enrichment;

public sealed class SessionAndEventTimeTests : IAsyncLifetime
{
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued.AddHours(-2);
    private readonly PipelineAppFactory _app = new();
    private long _sequence = 1;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string View(string id, DateTime time, string? sessionId = null) =>
        TestEvents.Build("page.viewed", id, time, "web", new JsonObject { ["url"] = "https://shop.example/" + id }, customerId: "cust-s", sessionId: sessionId);

    private async Task DeliverAsync(params string[] bodies)
    {
        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(bodies, firstSequenceNumber: _sequence));
        _sequence += bodies.Length;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Dictionary<string, string?>> SessionsAsync() =>
        (await _app.ReadTimelineAsync("cust-s")).ToDictionary(e => e.GetProperty("id").GetString()!, e => e.TryGetProperty("sessionId", out var s) ? s.GetString() : null);

    [Fact]
    public async Task IngestClickstream_NoSessionId_SplitAfter30MinutesOfInactivityAcrossBatches()
    {
        await DeliverAsync(View("v-1", T0), View("v-2", T0.AddMinutes(10)));
        await DeliverAsync(View("v-3", T0.AddMinutes(39)));
        await DeliverAsync(View("v-4", T0.AddMinutes(70)), View("v-5", T0.AddMinutes(75)));

        var sessions = await SessionsAsync();

        Assert.All(sessions.Values, s => Assert.StartsWith("auto-", s, StringComparison.Ordinal));
        Assert.Equal(sessions["v-1"], sessions["v-2"]);
        Assert.Equal(sessions["v-1"], sessions["v-3"]);
        Assert.NotEqual(sessions["v-3"], sessions["v-4"]);
        Assert.Equal(sessions["v-4"], sessions["v-5"]);
    }

    [Fact]
    public async Task IngestClickstream_EmitterSessionId_Kept()
    {
        await DeliverAsync(View("v-1", T0, sessionId: "sdk-session-9"));

        Assert.Equal("sdk-session-9", (await SessionsAsync())["v-1"]);
    }

    [Fact]
    public async Task IngestClickstream_SessionAssignment_SameOnRedelivery()
    {
        var batch = EventHubPayloads.EventHubBatch([View("v-1", T0), View("v-2", T0.AddMinutes(5))], firstSequenceNumber: 900);
        using (await _app.InvokeAsync("IngestClickstream", batch))
        {
        }

        var first = await SessionsAsync();
        using (await _app.InvokeAsync("IngestClickstream", batch))
        {
        }

        Assert.Equal(first, await SessionsAsync());
    }

    [Fact]
    public async Task IngestClickstream_DeviceClockDaysBehindWithSentAt_SkewCorrectedNotLate()
    {
        // The device clock is 5 days behind: time and sentat are both 5 days early, 2 s apart; the hub enqueued it now.
        var skew = TimeSpan.FromDays(5);
        var enqueued = EventHubPayloads.DefaultEnqueued;
        var body = View("v-skew", enqueued - skew - TimeSpan.FromSeconds(2)).Replace("\"channel\"", $"\"sentat\":\"{TestEvents.Iso(enqueued - skew)}\",\"channel\"", StringComparison.Ordinal);

        await DeliverAsync(body);

        var item = Assert.Single(await _app.ReadTimelineAsync("cust-s"));
        Assert.Equal(new DateTimeOffset(enqueued.AddSeconds(-2), TimeSpan.Zero), item.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(enqueued - skew - TimeSpan.FromSeconds(2), TimeSpan.Zero), item.GetProperty("deviceTime").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(enqueued, TimeSpan.Zero), item.GetProperty("enqueuedTime").GetDateTimeOffset());
        Assert.Empty(_app.ReadQuarantine());
    }

    [Fact]
    public async Task IngestClickstream_DeviceClockDaysBehindWithoutSentAt_QuarantinedLate()
    {
        await DeliverAsync(View("v-old", EventHubPayloads.DefaultEnqueued.AddDays(-5)));

        Assert.Equal("late", Assert.Single(_app.ReadQuarantine()).GetProperty("reason").GetString());
    }
}
