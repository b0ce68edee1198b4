using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using TouchpointPipeline.Storage.Cosmos;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Storage;

/// <summary>
/// The whole function app on the Cosmos DB stores (<c>Storage:Provider=Cosmos</c>, real SDK, the Cosmos-protocol server
/// of <see cref="CosmosServerFixture"/> or <c>COSMOS_ENDPOINT</c>) runs the same scripted journeys as on SQLite:
/// identity stitching, timelines read page by page, rage-click and absence alerts, the sweep's escalation, redelivery
/// of every batch, and the alert API's lifecycle and paging. Both runs must give the same transcript.
/// </summary>
public sealed class CosmosEndToEndTests(CosmosServerFixture server) : IClassFixture<CosmosServerFixture>
{
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued;

    // Cosmos mode has no local salt file: both runs get the same configured one, so hashed identifiers agree.
    private const string Salt = "end-to-end-test-salt-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journeys_OnCosmosStores_BehaveAsOnSqlite()
    {
        var onSqlite = await RunJourneysAsync(clock => new PipelineAppFactory(
            services => services.AddSingleton<TimeProvider>(clock),
            new Dictionary<string, string?> { ["Enrichment:Pii:Salt"] = Salt }));

        var options = server.NewOptions();
        using var client = server.CreateClient(options);
        await CosmosContainerDefinitions.EnsureCreatedAsync(client, options, Ct);
        string onCosmos;
        try
        {
            server.RecordTestRun();
            onCosmos = await RunJourneysAsync(clock => new PipelineAppFactory(
                services => services.AddSingleton<TimeProvider>(clock).AddSingleton(client),
                new Dictionary<string, string?>
                {
                    ["Enrichment:Pii:Salt"] = Salt,
                    ["Storage:Provider"] = "Cosmos",
                    ["Cosmos:AccountEndpoint"] = options.AccountEndpoint,
                    ["Cosmos:AccountKey"] = options.AccountKey,
                    ["Cosmos:DatabaseName"] = options.DatabaseName,
                    ["Cosmos:Emulator"] = options.Emulator ? "true" : "false",
                }));
        }
        finally
        {
            using var _ = await client.GetDatabase(options.DatabaseName).DeleteStreamAsync(cancellationToken: Ct);
        }

        Assert.Equal(onSqlite, onCosmos);
        var lines = onCosmos.Split(Environment.NewLine);
        Assert.Contains("timeline cust-42: k-4 a-3 login-1 a-2 a-1", lines);
        Assert.Contains("IngestClickstream rage: rage-click cust-rage open [rc-0 rc-1 rc-2]", lines);
        Assert.Contains("SweepPatterns after deadline: checkout-abandoned-after-error cust-pay open [pf-1]", lines);
        Assert.Contains("SweepPatterns escalation: checkout-abandoned-after-error cust-pay open escalated [pf-1]", lines);
        Assert.Equal("identity cust-b: links [] rejections [Conflict login-2 cust-42]", Assert.Single(lines, l => l.StartsWith("identity cust-b:", StringComparison.Ordinal)));
    }

    /// <summary>Runs the journeys on a fresh app and writes down everything observable, in order, as one transcript.</summary>
    private static async Task<string> RunJourneysAsync(Func<FakeTimeProvider, PipelineAppFactory> createApp)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(T0.AddSeconds(2)));
        await using var app = createApp(clock);
        var transcript = new StringBuilder();
        var batches = new List<string>();
        var api = app.CreateClient();

        async Task DeliverAsync(string step, params string[] bodies)
        {
            var payload = EventHubPayloads.EventHubBatch(bodies, firstSequenceNumber: 100 * (batches.Count + 1));
            batches.Add(payload);
            await InvokeAsync(app, "IngestClickstream", step, payload, transcript);
        }

        // Identity stitching: anonymous clicks, a login, more clicks, then the same device identified as someone else.
        await DeliverAsync("anonymous", TestEvents.AnonymousClick("a-1", "anon-42", T0.AddMinutes(-50)), TestEvents.AnonymousClick("a-2", "anon-42", T0.AddMinutes(-49)));
        await DeliverAsync("login", TestEvents.Identified("login-1", "anon-42", "cust-42", T0.AddMinutes(-48)));
        await DeliverAsync(
            "after login",
            TestEvents.AnonymousClick("a-3", "anon-42", T0.AddMinutes(-47)),
            TestEvents.Build("element.clicked", "k-4", T0.AddMinutes(-46), "web", new JsonObject { ["selector"] = "#pay", ["x"] = 1, ["y"] = 2, ["url"] = "https://shop.example/pay" }, customerId: "cust-42", anonymousId: "anon-42"));
        await DeliverAsync("second customer", TestEvents.Identified("login-2", "anon-42", "cust-b", T0.AddMinutes(-45)));

        // Alerts raised by ingest, and an absence check the sweep completes.
        await DeliverAsync("rage", [.. Enumerable.Range(0, 3).Select(i => TestEvents.Click($"rc-{i}", "cust-rage", time: T0.AddSeconds(-5 + (0.2 * i))))]);
        await DeliverAsync("payment failed", TestEvents.Build("payment.failed", "pf-1", T0.AddSeconds(-5), "web", new JsonObject { ["code"] = "card_declined" }, customerId: "cust-pay"));

        // Every batch again, newest first then oldest first: at-least-once delivery must change nothing.
        foreach (var (batch, i) in batches.AsEnumerable().Reverse().Concat(batches).Select((b, i) => (b, i)))
        {
            await InvokeAsync(app, "IngestClickstream", $"redelivery {i}", batch, transcript);
        }

        await InvokeAsync(app, "SweepPatterns", "before deadline", TimerPayloads.Timer(withScheduleStatus: false), transcript);
        clock.Advance(TimeSpan.FromMinutes(33));
        await InvokeAsync(app, "SweepPatterns", "after deadline", TimerPayloads.Timer(isPastDue: true), transcript);
        await InvokeAsync(app, "SweepPatterns", "again", TimerPayloads.Timer(), transcript);
        clock.Advance(TimeSpan.FromMinutes(31));
        await InvokeAsync(app, "SweepPatterns", "escalation", TimerPayloads.Timer(), transcript);

        foreach (var customerKey in new[] { "cust-42", "anon:anon-42", "cust-b", "cust-rage", "cust-pay" })
        {
            var ids = (await app.ReadTimelineAsync(customerKey, pageSize: 2)).Select(e => e.GetProperty("id").GetString());
            transcript.AppendLine(FormattableString.Invariant($"timeline {customerKey}: {string.Join(' ', ids)}"));
        }

        foreach (var customer in new[] { "cust-42", "cust-b" })
        {
            var audit = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}/identity", Ct);
            var links = audit.GetProperty("links").EnumerateArray().Select(l => $"{l.GetProperty("anonymousId").GetString()}@{l.GetProperty("eventId").GetString()}");
            var rejections = audit.GetProperty("rejections").EnumerateArray()
                .Select(r => $"{r.GetProperty("outcome").GetString()} {r.GetProperty("eventId").GetString()} {r.GetProperty("existingCustomerId").GetString()}");
            transcript.AppendLine(FormattableString.Invariant($"identity {customer}: links [{string.Join(' ', links)}] rejections [{string.Join(' ', rejections)}]"));
        }

        // The alert API: every open alert page by page (the store's continuation), then the lifecycle of one.
        var open = new List<string>();
        string? next = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonObject>("/api/alerts?status=open&limit=1" + (next is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(next)), Ct);
            open.AddRange(page!["items"]!.AsArray().Select(a => $"{a!["ruleId"]}/{a["customerKey"]}"));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null);
        transcript.AppendLine(FormattableString.Invariant($"open alerts: {string.Join(' ', open.Order(StringComparer.Ordinal))}"));

        var rage = await api.GetFromJsonAsync<JsonObject>("/api/alerts?customer=cust-rage", Ct);
        var rageId = Assert.Single(rage!["items"]!.AsArray())!["id"]!.GetValue<string>();
        foreach (var (action, by) in new[] { ("acknowledge", "agent-7"), ("acknowledge", "agent-8"), ("resolve", "agent-7"), ("resolve", "agent-7") })
        {
            using var answer = await api.PostAsJsonAsync($"/api/alerts/{rageId}/{action}", new { by }, Ct);
            transcript.AppendLine(FormattableString.Invariant($"{action} by {by}: {(int)answer.StatusCode}"));
        }

        var stored = await api.GetFromJsonAsync<JsonObject>($"/api/alerts/{rageId}", Ct);
        transcript.AppendLine(FormattableString.Invariant($"rage alert: {stored!["status"]} ack {stored["acknowledgedBy"]} resolved {stored["resolvedBy"]} at {stored["resolvedAt"]}"));
        using var missing = await api.GetAsync("/api/alerts/al-nope", Ct);
        using var badContinuation = await api.GetAsync("/api/alerts?continuation=garbage", Ct);
        transcript.AppendLine(FormattableString.Invariant($"unknown alert: {(int)missing.StatusCode}; bad continuation: {(int)badContinuation.StatusCode}"));
        return transcript.ToString();
    }

    private static async Task InvokeAsync(PipelineAppFactory app, string function, string step, string payload, StringBuilder transcript)
    {
        using var response = await app.InvokeAsync(function, payload);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} ({step}) answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var alerts = document.RootElement.GetProperty("Outputs").TryGetProperty("alerts", out var output)
            ? output.EnumerateArray().Select(a => JsonNode.Parse(a.GetString()!)!.AsObject()).ToList()
            : [];
        foreach (var alert in alerts)
        {
            var escalated = alert["escalatedAt"] is null ? string.Empty : " escalated";
            var evidence = string.Join(' ', alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
            transcript.AppendLine(FormattableString.Invariant($"{function} {step}: {alert["ruleId"]} {alert["customerKey"]} {alert["status"]}{escalated} [{evidence}]"));
        }

        if (alerts.Count == 0)
        {
            transcript.AppendLine(FormattableString.Invariant($"{function} {step}: no alerts"));
        }

        // The function marks the alerts it answered as delivered to the hub once its answer is complete (the outbox);
        // wait for that, so the next step's sweep sees the store as the host would after a finished invocation.
        var answered = alerts.Select(a => a["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var store = app.Services.GetRequiredService<IAlertStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (answered.Count > 0
            && (await store.GetUndeliveredAsync(DateTimeOffset.MaxValue, 1000, Ct)).Any(a => answered.Contains(a.Id) && a.Undelivered.HasFlag(AlertChannels.Hub)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{function} ({step}): its alerts were not marked delivered to the hub within 30 s");
            await Task.Delay(20, Ct);
        }
    }
}
