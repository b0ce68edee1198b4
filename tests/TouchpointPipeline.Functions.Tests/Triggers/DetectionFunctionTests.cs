using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Triggers;

/// <summary>Detection through the host protocol: the ingest functions' and SweepPatterns' <c>alerts</c> output, and the alert API.</summary>
public sealed class DetectionFunctionTests : IAsyncLifetime
{
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(T0.AddSeconds(2)));
    private readonly PipelineAppFactory _app;

    public DetectionFunctionTests() => _app = new PipelineAppFactory(services => services.AddSingleton<TimeProvider>(_clock));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task IngestClickstream_RageClicks_AlertInOutputsOnceAndRedeliveryAddsNone()
    {
        var clicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"rc-{i}", "cust-rage", time: T0.AddSeconds(-5 + (0.2 * i)))).ToList();
        var payload = EventHubPayloads.EventHubBatch(clicks);

        var first = await OutputAlertsAsync("IngestClickstream", payload);
        var redelivered = await OutputAlertsAsync("IngestClickstream", payload);

        var alert = Assert.Single(first);
        Assert.Equal("rage-click", alert["ruleId"]!.GetValue<string>());
        Assert.Equal("cust-rage", alert["customerKey"]!.GetValue<string>());
        Assert.Equal("open", alert["status"]!.GetValue<string>());
        Assert.Equal("medium", alert["severity"]!.GetValue<string>());
        Assert.Equal(["rc-0", "rc-1", "rc-2"], alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(redelivered);
    }

    [Fact]
    public async Task IngestClickstream_HostRetryOfTheSameBatch_RepublishesWhatTheDroppedAttemptRaised()
    {
        var clicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"rr-{i}", "cust-retry", time: T0.AddSeconds(-5 + (0.2 * i)))).ToList();

        // Attempt 0's response is lost to the host when the attempt fails (its outputs are dropped, docs/host-protocol.md §7.6); attempt 1
        // must hand the alert over again, while a later fresh redelivery (no retry) must not.
        var attempt0 = await OutputAlertsAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks, retry: (0, 5)));
        var attempt1 = await OutputAlertsAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks, retry: (1, 5)));
        var fresh = await OutputAlertsAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks, retry: (0, 5)));

        Assert.Equal(Assert.Single(attempt0)["id"]!.GetValue<string>(), Assert.Single(attempt1)["id"]!.GetValue<string>());
        Assert.Empty(fresh);
    }

    [Fact]
    public async Task IngestChats_ChatAfterAWebErrorOnAnotherHub_ChannelHoppingAlert()
    {
        var error = TestEvents.Build("client.error", "ch-err", T0.AddMinutes(-20), "web", new JsonObject { ["message"] = "Payment widget crashed" }, customerId: "cust-hop");
        var chat = TestEvents.Build("chat.started", "ch-chat", T0.AddSeconds(-1), "chat", new JsonObject { ["chatId"] = "chat-9" }, customerId: "cust-hop");

        var fromWeb = await OutputAlertsAsync("IngestClickstream", EventHubPayloads.EventHubBatch([error], partitionId: "1"));
        var fromChat = await OutputAlertsAsync("IngestChats", EventHubPayloads.EventHubBatch([chat], hub: "chats", partitionId: "7", functionName: "IngestChats"));

        Assert.Empty(fromWeb);
        var alert = Assert.Single(fromChat);
        Assert.Equal("channel-hopping", alert["ruleId"]!.GetValue<string>());
        Assert.Equal(["ch-err", "ch-chat"], alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task IngestChats_TwoAngryCustomerMessages_NegativeChatFromRealSentiment()
    {
        List<string> messages =
        [
            Message("ng-1", "This is terrible. I am furious, your service is awful!", -60),
            Message("ng-2", "Thanks, that helps.", -50, sender: "agent"),
            Message("ng-3", "Worst experience ever, absolutely horrible and useless.", -40),
        ];

        var alerts = await OutputAlertsAsync("IngestChats", EventHubPayloads.EventHubBatch(messages, hub: "chats", functionName: "IngestChats"));

        var alert = Assert.Single(alerts, a => a["ruleId"]!.GetValue<string>() == "negative-chat");
        Assert.Equal(["ng-1", "ng-3"], alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task SweepPatterns_FromHostTimerPayloads_AbsenceAlertOnceThenEscalationThenApiLifecycle()
    {
        var failed = TestEvents.Build("payment.failed", "pf-1", T0.AddSeconds(-5), "web", new JsonObject { ["code"] = "card_declined" }, customerId: "cust-pay");
        Assert.Empty(await OutputAlertsAsync("IngestClickstream", EventHubPayloads.EventHubBatch([failed])));

        var beforeDeadline = await OutputAlertsAsync("SweepPatterns", TimerPayloads.Timer(withScheduleStatus: false));
        _clock.Advance(TimeSpan.FromMinutes(33));
        var afterDeadline = await OutputAlertsAsync("SweepPatterns", TimerPayloads.Timer(isPastDue: true));
        var again = await OutputAlertsAsync("SweepPatterns", TimerPayloads.Timer());
        _clock.Advance(TimeSpan.FromMinutes(31));
        var escalation = await OutputAlertsAsync("SweepPatterns", TimerPayloads.Timer());

        Assert.Empty(beforeDeadline);
        var alert = Assert.Single(afterDeadline);
        Assert.Equal("checkout-abandoned-after-error", alert["ruleId"]!.GetValue<string>());
        Assert.Equal(["pf-1"], alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(again);
        var escalated = Assert.Single(escalation);
        Assert.Equal(alert["id"]!.GetValue<string>(), escalated["id"]!.GetValue<string>());
        Assert.NotNull(escalated["escalatedAt"]);

        var id = alert["id"]!.GetValue<string>();
        var client = _app.CreateClient();
        var list = await client.GetFromJsonAsync<JsonObject>("/api/alerts?customer=cust-pay&status=open", Ct);
        using var ack = await client.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { by = "agent-7" }, Ct);
        using var ackAgain = await client.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { by = "agent-8" }, Ct);
        using var resolve = await client.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { by = "agent-7" }, Ct);
        using var resolveAgain = await client.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { by = "agent-7" }, Ct);
        var stored = await client.GetFromJsonAsync<JsonObject>($"/api/alerts/{id}", Ct);

        Assert.Equal([id], list!["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("acknowledged", (await ack.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, ackAgain.StatusCode);
        Assert.Equal("application/problem+json", ackAgain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, resolveAgain.StatusCode);
        Assert.Equal("resolved", stored!["status"]!.GetValue<string>());
        Assert.Equal("agent-7", stored["acknowledgedBy"]!.GetValue<string>());
        Assert.Equal("agent-7", stored["resolvedBy"]!.GetValue<string>());
        Assert.Equal(_clock.GetUtcNow(), stored["resolvedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task AlertApi_UnknownIdBadFiltersAndMissingWho_ProblemDetails()
    {
        var client = _app.CreateClient();

        using var missing = await client.GetAsync("/api/alerts/al-nope", Ct);
        using var missingAck = await client.PostAsJsonAsync("/api/alerts/al-nope/acknowledge", new { by = "agent-1" }, Ct);
        using var badFilter = await client.GetAsync("/api/alerts?status=closed&severity=huge&limit=0", Ct);
        using var badContinuation = await client.GetAsync("/api/alerts?continuation=garbage", Ct);
        using var noWho = await client.PostAsJsonAsync("/api/alerts/al-nope/resolve", new { }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missingAck.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var errors = (await badFilter.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Equal(["limit", "severity", "status"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badContinuation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWho.StatusCode);
    }

    [Fact]
    public async Task SweepPatterns_UnreadablePayload_500()
    {
        using var response = await _app.InvokeAsync("SweepPatterns", """{"Data":{}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static string Message(string id, string text, int secondsBefore, string sender = "customer") =>
        TestEvents.Build("chat.message", id, T0.AddSeconds(secondsBefore), "chat",
            new JsonObject { ["chatId"] = "chat-angry", ["sender"] = sender, ["text"] = text }, customerId: "cust-angry");

    private async Task<IReadOnlyList<JsonObject>> OutputAlertsAsync(string function, string payload)
    {
        using var response = await _app.InvokeAsync(function, payload);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.GetProperty("Outputs").TryGetProperty("alerts", out var alerts))
        {
            return [];
        }

        // §7.5: a JSON array of strings, each one event's exact body.
        Assert.Equal(JsonValueKind.Array, alerts.ValueKind);
        Assert.All(alerts.EnumerateArray(), a => Assert.Equal(JsonValueKind.String, a.ValueKind));
        return alerts.EnumerateArray().Select(a => JsonNode.Parse(a.GetString()!)!.AsObject()).ToList();
    }
}
