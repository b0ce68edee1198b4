using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Timelines;
using static TouchpointPipeline.Core.Tests.Detection.ScenarioEvents;

namespace TouchpointPipeline.Core.Tests.Detection;

public sealed class CooldownAndAbsenceTests
{
    [Fact]
    public async Task Detect_RageClickingForTenMinutes_OneAlertPerFiveMinuteCooldown()
    {
        var harness = new DetectionHarness();
        var clicks = Enumerable.Range(0, 2400).Select(i => Click($"c{i:D4}", i * 0.25, x: 100 + (i % 3), y: 100)).ToList();

        // 25 seconds of clicking per batch, delivered as it happens.
        foreach (var batch in clicks.Chunk(100))
        {
            harness.Clock.SetUtcNow(batch[^1].Time.AddMilliseconds(100));
            await harness.IngestAsync(batch);
        }

        var alerts = harness.Alerts.All.OrderBy(a => a.FirstEvidenceTime).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(["c0000", "c0001", "c0002"], alerts[0].EvidenceEventIds);
        Assert.Equal(DetectionHarness.T0.AddSeconds(300.5), alerts[1].LastEvidenceTime);
        Assert.Equal(2, harness.Published.Count);
    }

    [Fact]
    public async Task Sweep_BeforeDeadlinePlusGrace_NothingThenOneAlertAfter()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(1));
        await harness.IngestAsync([PaymentFailed("p1", 0)]);

        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(31));
        var early = await harness.SweepAsync();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(32));
        var due = await harness.SweepAsync();
        var again = await harness.SweepAsync();

        Assert.Equal(0, early.Due);
        Assert.Empty(early.Raised);
        var alert = Assert.Single(due.Raised);
        Assert.Equal("checkout-abandoned-after-error", alert.RuleId);
        Assert.Equal(["p1"], alert.EvidenceEventIds);
        Assert.Empty(again.Raised);
        Assert.Equal(0, again.Due);
        Assert.Single(harness.Alerts.All);
    }

    [Fact]
    public async Task Sweep_OrderArrivesInALaterBatchBeforeTheSweep_NeverFires()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(1));
        await harness.IngestAsync([PaymentFailed("p1", 0)]);
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(29.5));
        await harness.IngestAsync([OrderCompleted("o1", 29)]);

        harness.Clock.SetUtcNow(DetectionHarness.T0.AddHours(3));
        var result = await harness.SweepAsync();

        Assert.Equal(1, result.Due);
        Assert.Empty(result.Raised);
        Assert.Empty(harness.Alerts.All);
        Assert.Equal(0, harness.States.PendingCount);
    }

    [Fact]
    public async Task Sweep_OrderOneMinuteAfterTheDeadline_StillFires()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(31.5));
        await harness.IngestAsync([PaymentFailed("p1", 0), OrderCompleted("o1", 31)]);

        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(33));
        var result = await harness.SweepAsync();

        Assert.Equal("checkout-abandoned-after-error", Assert.Single(result.Raised).RuleId);
    }

    [Fact]
    public async Task Sweep_TwoPaymentFailuresWithinTheCooldown_OneAlert()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(6));
        await harness.IngestAsync([PaymentFailed("p1", 0), PaymentFailed("p2", 5)]);

        harness.Clock.SetUtcNow(DetectionHarness.T0.AddHours(1));
        var result = await harness.SweepAsync();

        Assert.Equal(2, result.Due);
        Assert.Equal(["p1"], Assert.Single(result.Raised).EvidenceEventIds);
    }

    [Fact]
    public async Task Sweep_OpenAlertPastEscalateAfter_EscalatedOnce()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(1));
        IReadOnlyList<TimelineItem> batch = [CallHeld("h1", 0, "call-1", 600)];
        await harness.IngestAsync(batch);

        harness.Clock.Advance(TimeSpan.FromMinutes(29));
        var early = await harness.SweepAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await harness.SweepAsync();
        var again = await harness.SweepAsync();

        Assert.Empty(early.Escalated);
        var escalated = Assert.Single(late.Escalated);
        Assert.Equal(harness.Clock.GetUtcNow(), escalated.EscalatedAt);
        Assert.Empty(again.Escalated);
    }

    [Fact]
    public async Task Detect_SweepRunsBetweenIngestsTwoWrites_LateWindowStillAlertsOnce()
    {
        // A late payment.failed: its 30-minute window (and the 2-minute grace) passed before it arrived, so the check
        // is due the moment it is written. A sweep running between ingest's state and check writes must not lose it.
        InterleavingDetectorStateStore? interleaving = null;
        var harness = new DetectionHarness(wrapStates: inner => interleaving = new InterleavingDetectorStateStore(inner));
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(40));
        SweepResult? between = null;
        interleaving!.RunAfterNextWrite(async () => between = await harness.SweepAsync());

        await harness.IngestAsync([PaymentFailed("p1", 0)]);
        var next = await harness.SweepAsync();
        var again = await harness.SweepAsync();

        Assert.NotNull(between);
        Assert.Empty(between.Raised);
        Assert.Equal("checkout-abandoned-after-error", Assert.Single(next.Raised).RuleId);
        Assert.Empty(again.Raised);
        Assert.Single(harness.Alerts.All);
        Assert.Equal(0, harness.States.PendingCount);
    }

    [Fact]
    public async Task Detect_RedeliveredBatchAfterACrashBeforeTheCheckWrite_ReindexesTheWindow()
    {
        var harness = new DetectionHarness();
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddSeconds(1));
        await harness.IngestAsync([PaymentFailed("p1", 0)]);
        // Simulates the crash: the state holds the window, the check was never written.
        var check = Assert.Single(await harness.States.GetDuePendingAsync(DateTimeOffset.MaxValue, 10, TestContext.Current.CancellationToken));
        await harness.States.DeletePendingAsync(check, TestContext.Current.CancellationToken);

        await harness.IngestAsync([PaymentFailed("p1", 0)], isRetry: true);
        harness.Clock.SetUtcNow(DetectionHarness.T0.AddMinutes(33));
        var result = await harness.SweepAsync();

        Assert.Equal("checkout-abandoned-after-error", Assert.Single(result.Raised).RuleId);
    }
}
