using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.AlertDelivery;

/// <summary>
/// The alert outbox through the real function endpoints: every way an alert used to be stored but never delivered
/// (a sweep that fails after saving, an escalation whose run fails, the last attempt of an ingest batch, a host crash
/// before the outputs flush) now ends with the alert on the <c>alerts</c> output (and the webhook) of a later sweep.
/// </summary>
public sealed class AlertOutboxFunctionTests : IAsyncLifetime
{
    private const string Secret = "test-secret-not-for-production";
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued;
    private static readonly TimeSpan PastRedeliverAfter = TimeSpan.FromMinutes(4);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(T0.AddSeconds(2)));
    private readonly ConcurrentQueue<string> _webhookIds = new();
    private WebApplication? _receiver;
    private PipelineAppFactory? _app;
    private FaultyAlertStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FaultyAlertStore Store => _store!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/alerts", (HttpRequest request) =>
        {
            _webhookIds.Enqueue(request.Headers["X-Touchpoint-Alert-Id"].ToString());
            return Results.Ok();
        });
        await _receiver.StartAsync(Ct);
        var url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/alerts";
        _app = new PipelineAppFactory(
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                FaultyAlertStore.Install(services);
            },
            new Dictionary<string, string?> { ["Alerts:Webhook:Url"] = url, ["Alerts:Webhook:Secret"] = Secret });
        _app.CreateClient();
        _store = _app.Services.GetRequiredService<FaultyAlertStore>();
    }

    public async ValueTask DisposeAsync()
    {
        await _app!.DisposeAsync();
        await _receiver!.DisposeAsync();
    }

    [Fact]
    public async Task SweepPatterns_RunFailsAfterSavingTheAbsenceAlert_ALaterSweepDeliversItOnce()
    {
        await IngestAsync(EventHubPayloads.EventHubBatch([PaymentFailed("pf-a", "cust-sweepfail", T0.AddSeconds(-5))]));
        _clock.Advance(TimeSpan.FromMinutes(33));
        Store.FailEscalationReads = 1;

        using var failed = await _app!.InvokeAsync("SweepPatterns", TimerPayloads.Timer());
        var tooSoon = await SweepAsync();
        _clock.Advance(PastRedeliverAfter);
        var redelivered = await SweepAsync();
        await WaitForAsync(() => Store.HubMarks >= 1);
        var again = await SweepAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Empty(tooSoon);
        Assert.Equal("checkout-abandoned-after-error", Assert.Single(redelivered)["ruleId"]!.GetValue<string>());
        Assert.Empty(again);
        await WaitForAsync(() => _webhookIds.Count(id => id == Id(redelivered[0])) == 1);
    }

    [Fact]
    public async Task SweepPatterns_EscalationRunFails_TheNextSweepDeliversTheEscalation()
    {
        await IngestAsync(EventHubPayloads.EventHubBatch([PaymentFailed("pf-e", "cust-escfail", T0.AddSeconds(-5))]));
        _clock.Advance(TimeSpan.FromMinutes(33));
        var raised = Assert.Single(await SweepAsync());
        await WaitForAsync(() => Store.HubMarks >= 1);
        _clock.Advance(TimeSpan.FromMinutes(31));
        Store.FailOutboxReads = 1;

        using var failed = await _app!.InvokeAsync("SweepPatterns", TimerPayloads.Timer());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var next = await SweepAsync();
        await WaitForAsync(() => Store.HubMarks >= 2);
        var again = await SweepAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var escalation = Assert.Single(next);
        Assert.Equal(Id(raised), Id(escalation));
        Assert.NotNull(escalation["escalatedAt"]);
        Assert.Empty(again);
    }

    [Fact]
    public async Task IngestClickstream_LastAttemptFailsAfterStoringTheAlert_ParkedAndALaterSweepDeliversIt()
    {
        var payload = EventHubPayloads.EventHubBatch(RageClicks("lastfail", "cust-lastfail"), retry: (5, 5));
        Store.FailAfterCreates = 1;

        var lastAttempt = await IngestAsync(payload);
        _clock.Advance(PastRedeliverAfter);
        var swept = await SweepAsync();
        await WaitForAsync(() => Store.HubMarks >= 1);
        var again = await SweepAsync();

        Assert.Empty(lastAttempt);
        Assert.Single(_app!.ParkedFiles());
        Assert.Equal("rage-click", Assert.Single(swept)["ruleId"]!.GetValue<string>());
        Assert.Empty(again);
        await WaitForAsync(() => _webhookIds.Count(id => id == Id(swept[0])) == 1);
    }

    [Fact]
    public async Task IngestClickstream_HostCrashedBeforeFlushingOutputs_RedeliveredBatchLetsTheSweepDeliverAgain()
    {
        var payload = EventHubPayloads.EventHubBatch(RageClicks("crash", "cust-crash"));
        var answered = Assert.Single(await IngestAsync(payload));
        await WaitForAsync(() => Store.HubMarks >= 1);

        // The host died before writing the outputs, so it never checkpointed: the same batch comes again, RetryCount 0.
        var redelivery = await IngestAsync(payload);
        _clock.Advance(PastRedeliverAfter);
        var swept = await SweepAsync();

        Assert.Empty(redelivery);
        Assert.Equal(Id(answered), Id(Assert.Single(swept)));
        await WaitForAsync(() => _webhookIds.Count(id => id == Id(answered)) == 1);
    }

    /// <summary>
    /// The proof: 20 rage-click patterns (every third batch's last attempt fails after storing its alert) and 20 late
    /// abandoned checkouts (the first sweep fails after saving, a later one fails on its outbox read): every alert is
    /// stored once, on the hub once and at the webhook once, and further sweeps add nothing.
    /// </summary>
    [Fact]
    public async Task Pipeline_IngestLastAttemptsAndSweepRunsFail_EveryAlertStoredAndDeliveredOnce()
    {
        var hub = new List<string>();
        var expected = new List<string>();
        var parkedBatches = 0;
        for (var c = 0; c < 20; c++)
        {
            var lastAttemptFails = c % 3 == 0;
            Store.FailAfterCreates = lastAttemptFails ? 1 : 0;
            var clicks = RageClicks($"p{c:D2}", $"cust-rage-{c:D2}", partition: c);
            hub.AddRange((await IngestAsync(EventHubPayloads.EventHubBatch(clicks, partitionId: c.ToString(CultureInfo.InvariantCulture),
                retry: lastAttemptFails ? (5, 5) : null))).Select(Id));
            parkedBatches += lastAttemptFails ? 1 : 0;
        }

        var late = Enumerable.Range(0, 20).Select(c => PaymentFailed($"late-{c:D2}", $"cust-late-{c:D2}", T0.AddMinutes(-40).AddSeconds(c))).ToList();
        hub.AddRange((await IngestAsync(EventHubPayloads.EventHubBatch(late, partitionId: "31"))).Select(Id));
        Store.FailEscalationReads = 1;
        var sweepsFailed = 0;
        using (var failing = await _app!.InvokeAsync("SweepPatterns", TimerPayloads.Timer()))
        {
            sweepsFailed += failing.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        for (var run = 0; run < 6; run++)
        {
            _clock.Advance(TimeSpan.FromMinutes(2));
            Store.FailOutboxReads = run == 1 ? 1 : 0;
            using var response = await _app.InvokeAsync("SweepPatterns", TimerPayloads.Timer());
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                sweepsFailed++;
                continue;
            }

            hub.AddRange((await ReadOutputsAsync(response)).Select(Id));
            await WaitForAsync(() => Store.HubMarks >= hub.Count);
        }

        var stored = await ListStoredAsync();
        expected.AddRange(stored);
        await WaitForAsync(() => _webhookIds.Distinct().Count() >= expected.Count);
        var extra = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            extra.AddRange((await SweepAsync()).Select(Id));
        }

        var webhook = _webhookIds.ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"alert outbox proof: patterns 40, alerts stored {stored.Count}, faults injected {Store.Faults} (ingest last attempts {parkedBatches}, " +
            $"sweep runs {sweepsFailed}), hub deliveries {hub.Count} ({hub.Distinct().Count()} distinct), webhook deliveries {webhook.Length} " +
            $"({webhook.Distinct().Count()} distinct), added by 3 more sweeps {extra.Count}");
        Assert.Equal(40, stored.Count);
        Assert.Equal(stored.Order(StringComparer.Ordinal), hub.Order(StringComparer.Ordinal));
        Assert.Equal(stored.Order(StringComparer.Ordinal), webhook.Order(StringComparer.Ordinal));
        Assert.Empty(extra);
        Assert.Equal(parkedBatches, _app.ParkedFiles().Count);
        Assert.Equal(2, sweepsFailed);
    }

    private static string PaymentFailed(string id, string customer, DateTime time) =>
        TestEvents.Build("payment.failed", id, time, "web", new JsonObject { ["code"] = "card_declined" }, customerId: customer);

    private static List<string> RageClicks(string prefix, string customer, int partition = 0) =>
        Enumerable.Range(0, 3).Select(i => TestEvents.Click($"{prefix}-{i}", customer, time: T0.AddSeconds(-5 + (0.2 * i) - partition))).ToList();

    private static string Id(JsonObject alert) => alert["id"]!.GetValue<string>();

    private async Task<List<string>> ListStoredAsync()
    {
        var page = await Store.ListAsync(new AlertQuery(Limit: 500), Ct);
        Assert.Null(page.Continuation);
        return page.Items.Select(a => a.Id).ToList();
    }

    private Task<IReadOnlyList<JsonObject>> SweepAsync() => OutputsAsync("SweepPatterns", TimerPayloads.Timer());

    private Task<IReadOnlyList<JsonObject>> IngestAsync(string payload) => OutputsAsync("IngestClickstream", payload);

    private async Task<IReadOnlyList<JsonObject>> OutputsAsync(string function, string payload)
    {
        using var response = await _app!.InvokeAsync(function, payload);
        return await ReadOutputsAsync(response);
    }

    private static async Task<IReadOnlyList<JsonObject>> ReadOutputsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("Outputs").TryGetProperty("alerts", out var alerts)
            ? alerts.EnumerateArray().Select(a => JsonNode.Parse(a.GetString()!)!.AsObject()).ToList()
            : [];
    }

    /// <summary>Polls until the condition holds; fails after 60 s (a deadline for a loaded CI machine, not a timing assertion).</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The expected delivery did not happen within 60 s.");
            await Task.Delay(10, Ct);
        }
    }
}
