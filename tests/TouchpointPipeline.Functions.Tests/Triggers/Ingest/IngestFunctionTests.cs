using System.Net;
using System.Text.Json;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Triggers.Ingest;

public sealed class IngestFunctionTests : IAsyncLifetime
{
    private readonly PipelineAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task IngestClickstream_BatchWithDuplicatesAndInvalid_Stores85Quarantines5AndRedeliveryChangesNothing()
    {
        // 85 distinct valid events over 5 customers, 10 repeats of some of them, 5 invalid ones, shuffled.
        var valid = Enumerable.Range(0, 85).Select(i => TestEvents.Click($"evt-{i:D3}", $"cust-{i % 5}")).ToList();
        var repeats = Enumerable.Range(0, 10).Select(i => valid[i * 7]).ToList();
        List<string> invalid =
        [
            TestEvents.Click("bad-1", "cust-1").Replace("\"channel\":\"web\"", "\"channel\":\"fax\"", StringComparison.Ordinal),
            TestEvents.Click("bad-2", "cust-2").Replace("\"selector\":\"#pay\",", string.Empty, StringComparison.Ordinal),
            "not json at all",
            TestEvents.Click("bad-4", "cust-4", time: EventHubPayloads.DefaultEnqueued.AddDays(-4)),
            TestEvents.Click("bad-5", "cust-0", time: EventHubPayloads.DefaultEnqueued.AddHours(2)),
        ];
        var bodies = valid.Concat(repeats).Concat(invalid).OrderBy(b => b.GetHashCode(StringComparison.Ordinal)).ToList();
        var payload = EventHubPayloads.EventHubBatch(bodies);

        using var first = await _app.InvokeAsync("IngestClickstream", payload);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var second = await _app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        using var response = JsonDocument.Parse(firstBody);
        Assert.Equal(JsonValueKind.Object, response.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, response.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Contains("100 received, 85 stored, 10 duplicates, 5 quarantined", response.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = new List<JsonElement>();
        for (var c = 0; c < 5; c++)
        {
            stored.AddRange(await _app.ReadTimelineAsync($"cust-{c}"));
        }

        Assert.Equal(85, stored.Count);
        Assert.Equal(85, stored.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var quarantined = _app.ReadQuarantine();
        Assert.Equal(5, quarantined.Count);
        Assert.Equal(
            ["future", "invalid", "invalid", "late", "malformed"],
            quarantined.Select(q => q.GetProperty("reason").GetString()).Order(StringComparer.Ordinal));
        Assert.All(quarantined, q => Assert.NotEqual(0, q.GetProperty("errors").GetArrayLength()));
        Assert.Contains(quarantined, q => q.GetProperty("errors").EnumerateArray().Any(e => e.GetProperty("field").GetString() == "channel"));
        Assert.Contains(quarantined, q => q.GetProperty("errors").EnumerateArray().Any(e => e.GetProperty("field").GetString() == "data.selector"));
    }

    [Fact]
    public async Task IngestClickstream_EmptyBatch_AnswersSuccessWithNoOutputs()
    {
        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("0 received", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
    }

    [Fact]
    public async Task IngestClickstream_NonJsonAndOversizedBodies_QuarantinedWhileGoodEventsLand()
    {
        var oversized = TestEvents.Click("big-1", "cust-big").Replace("\"text\":\"", "\"text\":\"" + new string('x', 40 * 1024), StringComparison.Ordinal);
        List<string> bodies = ["plain text", "{\"unterminated\":", string.Empty, oversized, TestEvents.Click("ok-1", "cust-big"), "[1,2,3]"];

        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(bodies));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ok-1"], (await _app.ReadTimelineAsync("cust-big")).Select(e => e.GetProperty("id").GetString()));
        var reasons = _app.ReadQuarantine().Select(q => q.GetProperty("reason").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["invalid", "malformed", "malformed", "malformed", "too_large"], reasons);
    }

    [Fact]
    public async Task IngestClickstream_NullPartitionKeysAndPositions_KeptWithQuarantinedEvent()
    {
        var payload = EventHubPayloads.EventHubBatch(["oops", TestEvents.Click("pk-1", "cust-pk")], partitionId: "7", firstSequenceNumber: 42, partitionKeys: [null, "cust-pk"]);

        using var response = await _app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(_app.ReadQuarantine());
        Assert.Equal("7", record.GetProperty("partitionId").GetString());
        Assert.Equal(42, record.GetProperty("sequenceNumber").GetInt64());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("partitionKey").ValueKind);
        Assert.Equal("oops", record.GetProperty("body").GetString());
        Assert.Single(await _app.ReadTimelineAsync("cust-pk"));
    }

    [Fact]
    public async Task IngestCalls_RetryContextOnFirstAttempt_ProcessesNormally()
    {
        var call = "{\"specversion\":\"1.0\",\"id\":\"call-1-ended\",\"source\":\"cc/genesys\",\"type\":\"call.ended\",\"time\":\"2026-11-20T09:59:00Z\",\"customerid\":\"cust-call\",\"channel\":\"call\",\"data\":{\"callId\":\"c-1\",\"durationSeconds\":300,\"holdSeconds\":420,\"disposition\":\"resolved\",\"abandoned\":false}}";

        using var response = await _app.InvokeAsync("IngestCalls", EventHubPayloads.EventHubBatch([call], hub: "calls", retry: (0, 5), functionName: "IngestCalls"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single(await _app.ReadTimelineAsync("cust-call"));
        Assert.Equal("call", item.GetProperty("channel").GetString());
        Assert.Equal(420, item.GetProperty("data").GetProperty("holdSeconds").GetInt32());
    }

    [Fact]
    public async Task IngestChats_AnonymousVisitor_KeyedByAnonPrefix()
    {
        var chat = "{\"specversion\":\"1.0\",\"id\":\"chat-1-m1\",\"source\":\"web/chat\",\"type\":\"chat.message\",\"time\":\"2026-11-20T09:59:30Z\",\"anonymousid\":\"a-77\",\"channel\":\"chat\",\"data\":{\"chatId\":\"ch-1\",\"sender\":\"customer\",\"text\":\"where is my order?\"}}";

        using var response = await _app.InvokeAsync("IngestChats", EventHubPayloads.EventHubBatch([chat], hub: "chats", functionName: "IngestChats"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single(await _app.ReadTimelineAsync("anon:a-77"));
        Assert.Equal("a-77", item.GetProperty("anonymousId").GetString());
        Assert.Equal("where is my order?", item.GetProperty("data").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Root_Get_AnswersForTheHostReadinessProbe()
    {
        using var response = await _app.CreateClient().GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
