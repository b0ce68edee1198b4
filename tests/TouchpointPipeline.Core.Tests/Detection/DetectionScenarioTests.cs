using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Timelines;
using static TouchpointPipeline.Core.Tests.Detection.ScenarioEvents;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>
/// The shipped default rules as a table: each positive sequence raises exactly one alert with the right evidence;
/// each near-miss raises none. Every row also runs split into one-event batches shuffled, in concurrent "partitions",
/// and redelivered; all variants must end with the same alerts, each published exactly once.
/// </summary>
public sealed class DetectionScenarioTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static TheoryData<DetectionScenario> Positive() =>
    [
        new DetectionScenario("rage click: 3 clicks on #pay in 0.6 s within 10 px",
            [Click("c1", 0, x: 100, y: 100), Click("c2", 0.3, x: 105, y: 102), Click("c3", 0.6, x: 110, y: 98)],
            [("rage-click", ["c1", "c2", "c3"])]),
        new DetectionScenario("error click: client error 0.5 s after a click",
            [Click("c1", 0), ClientError("e1", 0.5)],
            [("error-click", ["c1", "e1"])]),
        new DetectionScenario("repeated errors: 3 form errors in 4 minutes",
            [FormError("f1", 0), FormError("f2", 2), FormError("f3", 4)],
            [("repeated-errors", ["f1", "f2", "f3"])]),
        new DetectionScenario("repeated errors: form and payment errors mixed",
            [FormError("f1", 0), PaymentFailed("p1", 5), OrderCompleted("o1", 6), FormError("f2", 9)],
            [("repeated-errors", ["f1", "p1", "f2"])]),
        new DetectionScenario("checkout abandoned: payment failed, no order",
            [PaymentFailed("p1", 0)],
            [("checkout-abandoned-after-error", ["p1"])]),
        new DetectionScenario("repeat contact: a call and, 3 days later, a chat",
            [CallQueued("q1", TimeSpan.Zero, "call-1"), CallAnswered("a1", TimeSpan.FromMinutes(2), "call-1"), ChatStarted("s1", 3 * Day, "chat-1")],
            [("repeat-contact", ["q1", "s1"])]),
        new DetectionScenario("long hold: 320 s on hold",
            [CallHeld("h1", 0, "call-1", 320)],
            [("long-hold", ["h1"])]),
        new DetectionScenario("abandoned in queue",
            [CallQueued("q1", TimeSpan.Zero, "call-1"), CallEnded("x1", 3, "call-1", abandoned: true)],
            [("abandoned-in-queue", ["x1"])]),
        new DetectionScenario("transfer loop: one call transferred twice",
            [CallTransferred("t1", 0, "call-1"), CallTransferred("t2", 4, "call-1")],
            [("transfer-loop", ["t1", "t2"])]),
        new DetectionScenario("negative chat: two customer messages at -0.7 and -0.6",
            [ChatMessage("m1", 0, "chat-1", -0.7), ChatMessage("m2", 1, "chat-1", 0.9, sender: "agent"), ChatMessage("m3", 2, "chat-1", -0.6)],
            [("negative-chat", ["m1", "m3"])]),
        new DetectionScenario("worsening chat: 0.5, 0.0, -0.4",
            [ChatMessage("m1", 0, "chat-1", 0.5), ChatMessage("m2", 1, "chat-1", 0), ChatMessage("m3", 2, "chat-1", -0.4)],
            [("worsening-chat", ["m1", "m2", "m3"])]),
        new DetectionScenario("channel hopping: web error, chat 20 minutes later",
            [ClientError("e1", 0), ChatStarted("s1", TimeSpan.FromMinutes(20), "chat-1")],
            [("channel-hopping", ["e1", "s1"])]),
    ];

    public static TheoryData<DetectionScenario> NearMisses() =>
    [
        new DetectionScenario("2 clicks", [Click("c1", 0), Click("c2", 0.3)], []),
        new DetectionScenario("3 clicks over 1.5 s", [Click("c1", 0), Click("c2", 0.75), Click("c3", 1.5)], []),
        new DetectionScenario("3 clicks on different selectors", [Click("c1", 0, "#a"), Click("c2", 0.3, "#b"), Click("c3", 0.6, "#c")], []),
        new DetectionScenario("3 clicks 100 px apart", [Click("c1", 0, x: 0), Click("c2", 0.3, x: 100), Click("c3", 0.6, x: 200)], []),
        new DetectionScenario("client error 1.5 s after a click", [Click("c1", 0), ClientError("e1", 1.5)], []),
        new DetectionScenario("2 form errors", [FormError("f1", 0), FormError("f2", 2)], []),
        new DetectionScenario("3 form errors over 12 minutes", [FormError("f1", 0), FormError("f2", 6), FormError("f3", 12)], []),
        new DetectionScenario("an order 29 minutes after the failed payment", [PaymentFailed("p1", 0), OrderCompleted("o1", 29)], []),
        new DetectionScenario("the order arrives before the failed payment is known", [OrderCompleted("o1", 10), PaymentFailed("p1", 0)], []),
        new DetectionScenario("contacts 8 days apart", [CallQueued("q1", TimeSpan.Zero, "call-1"), ChatStarted("s1", 8 * Day, "chat-1")], []),
        new DetectionScenario("one call, many events", [CallQueued("q1", TimeSpan.Zero, "call-1"), CallAnswered("a1", TimeSpan.FromMinutes(1), "call-1")], []),
        new DetectionScenario("hold of 299 s", [CallHeld("h1", 0, "call-1", 299)], []),
        new DetectionScenario("call ended normally", [CallEnded("x1", 0, "call-1", abandoned: false)], []),
        new DetectionScenario("1 transfer", [CallTransferred("t1", 0, "call-1")], []),
        new DetectionScenario("transfers of two different calls", [CallTransferred("t1", 0, "call-1"), CallTransferred("t2", 30, "call-2")], []),
        new DetectionScenario("one negative message per chat", [ChatMessage("m1", 0, "chat-1", -0.8), ChatMessage("m2", 5, "chat-2", -0.8)], []),
        new DetectionScenario("negative agent messages", [ChatMessage("m1", 0, "chat-1", -0.8, "agent"), ChatMessage("m2", 1, "chat-1", -0.8, "agent")], []),
        new DetectionScenario("sentiment falls but ends positive", [ChatMessage("m1", 0, "chat-1", 0.9), ChatMessage("m2", 1, "chat-1", 0.5), ChatMessage("m3", 2, "chat-1", 0.1)], []),
        new DetectionScenario("chat 61 minutes after a web error", [ClientError("e1", 0), ChatStarted("s1", TimeSpan.FromMinutes(61), "chat-1")], []),
        new DetectionScenario("chat before the web error", [ChatStarted("s1", TimeSpan.Zero, "chat-1"), ClientError("e1", 60)], []),
    ];

    [Theory]
    [MemberData(nameof(Positive))]
    [MemberData(nameof(NearMisses))]
    public async Task Detect_OneBatchInOrder_ExpectedAlerts(DetectionScenario scenario)
    {
        var harness = new DetectionHarness();

        await RunAsync(harness, scenario, [scenario.Events.OrderBy(e => e.Time).ToList()]);

        AssertExpected(scenario, harness);
    }

    [Theory]
    [MemberData(nameof(Positive))]
    [MemberData(nameof(NearMisses))]
    public async Task Detect_OneEventPerBatchShuffledAndRedelivered_SameAlertsPublishedOnce(DetectionScenario scenario)
    {
        var inOrder = new DetectionHarness();
        await RunAsync(inOrder, scenario, [scenario.Events.OrderBy(e => e.Time).ToList()]);
        var harness = new DetectionHarness();
        var shuffled = scenario.Events.OrderByDescending(e => e.Id, StringComparer.Ordinal).Select(e => (IReadOnlyList<TimelineItem>)[e]).ToList();

        await RunAsync(harness, scenario, [.. shuffled, .. shuffled]);

        AssertExpected(scenario, harness);
        Assert.Equal(Ids(inOrder.Alerts.All), Ids(harness.Alerts.All));
    }

    [Theory]
    [MemberData(nameof(Positive))]
    [MemberData(nameof(NearMisses))]
    public async Task Detect_ConcurrentPartitionsThenRedeliveredWhole_SameAlertsPublishedOnce(DetectionScenario scenario)
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0 + (scenario.Events.Max(e => e.Time) - DetectionHarness.T0) + TimeSpan.FromSeconds(1));
        var halves = scenario.Events.Select((e, i) => (e, i)).GroupBy(x => x.i % 2).Select(g => (IReadOnlyList<TimelineItem>)g.Select(x => x.e).ToList()).ToList();

        // Two "partitions" (or two hubs) writing the same customer at once: optimistic concurrency must serialize them.
        await Task.WhenAll(halves.Select(h => Task.Run(() => harness.IngestAsync(h), TestContext.Current.CancellationToken)));
        await harness.IngestAsync(scenario.Events);
        await SweepAfterDeadlinesAsync(harness);

        AssertExpected(scenario, harness);
    }

    [Fact]
    public async Task Detect_RetryOfAFailedAttempt_PublishesWhatTheAttemptRaisedAgain()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(2));
        List<TimelineItem> batch = [Click("c1", 0), Click("c2", 0.2), Click("c3", 0.4)];

        var first = await harness.IngestAsync(batch);
        var retry = await harness.IngestAsync(batch, isRetry: true);
        var redelivery = await harness.IngestAsync(batch, isRetry: false);

        Assert.Equal(Ids(first), Ids(retry));
        Assert.Single(first);
        Assert.Empty(redelivery);
        Assert.Single(harness.Alerts.All);
    }

    [Fact]
    public async Task Detect_RedeliveryWhileTheWebhookMarksTheAlert_AlertStillMarkedUndeliveredToTheHub()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(2));
        List<TimelineItem> batch = [Click("c1", 0), Click("c2", 0.2), Click("c3", 0.4)];
        var raised = Assert.Single(await harness.IngestAsync(batch));
        Assert.True(await harness.Alerts.MarkDeliveredAsync(raised, AlertChannels.Hub, TestContext.Current.CancellationToken));

        // The host redelivers the batch (it never flushed the outputs) while the webhook sender confirms the same alert.
        harness.Alerts.BeforeNextReplace = () => harness.Alerts.MarkDeliveredAsync(raised, AlertChannels.Webhook, TestContext.Current.CancellationToken);
        var redelivery = await harness.IngestAsync(batch);

        Assert.Empty(redelivery);
        Assert.Equal(AlertChannels.Hub, Assert.Single(harness.Alerts.All).Undelivered);
    }

    private static async Task RunAsync(DetectionHarness harness, DetectionScenario scenario, IReadOnlyList<IReadOnlyList<TimelineItem>> batches)
    {
        var last = scenario.Events.Max(e => e.Time);
        foreach (var batch in batches)
        {
            harness.Clock.SetUtcNow(Max(harness.Clock.GetUtcNow(), batch.Max(e => e.Time) + TimeSpan.FromSeconds(1)));
            await harness.IngestAsync(batch);
        }

        harness.Clock.SetUtcNow(Max(harness.Clock.GetUtcNow(), last + TimeSpan.FromSeconds(1)));
        await SweepAfterDeadlinesAsync(harness);
    }

    private static async Task SweepAfterDeadlinesAsync(DetectionHarness harness)
    {
        // Every absence window of the default rules is 30 minutes; the grace is 2 minutes.
        harness.Clock.Advance(TimeSpan.FromMinutes(33));
        await harness.SweepAsync();
        await harness.SweepAsync();
    }

    private static void AssertExpected(DetectionScenario scenario, DetectionHarness harness)
    {
        var stored = harness.Alerts.All;
        Assert.Equal(
            scenario.Expected.Select(e => $"{e.RuleId}: {string.Join(",", e.Evidence)}").Order(StringComparer.Ordinal),
            stored.Select(a => $"{a.RuleId}: {string.Join(",", a.EvidenceEventIds)}").Order(StringComparer.Ordinal));
        Assert.Equal(Ids(stored), Ids(harness.Published));
        Assert.All(stored, a => Assert.Equal(Customer, a.CustomerKey));
        Assert.Equal(0, harness.States.PendingCount);
    }

    private static List<string> Ids(IEnumerable<Alert> alerts) => alerts.Select(a => a.Id).Order(StringComparer.Ordinal).ToList();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
