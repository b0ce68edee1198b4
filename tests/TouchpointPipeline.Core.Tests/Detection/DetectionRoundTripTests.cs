using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Enrichment.Sessions;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>
/// How many state-store calls (Cosmos DB round trips) detection makes per batch: one read for the whole batch, one
/// write per customer whose state changed, none for a redelivered batch. Counts, not timings.
/// </summary>
public sealed class DetectionRoundTripTests
{
    private CountingDetectorStateStore? _counting;

    private DetectionHarness Harness() => new(wrapStates: inner => _counting = new CountingDetectorStateStore(inner));

    // 100 clicks from 10 customers, each click on its own button a minute apart: no rule fires, every state changes.
    private static List<TimelineItem> HundredClicksFromTenCustomers() =>
    [
        .. Enumerable.Range(0, 100).Select(i => ScenarioEvents.Click($"e{i}", 60 * (i / 10), selector: $"#b{i}") with { CustomerKey = $"cust-{i % 10}" }),
    ];

    [Fact]
    public async Task DetectAsync_HundredNewEventsFromTenCustomers_OneBatchReadAndOneSavePerCustomer()
    {
        var harness = Harness();

        await harness.IngestAsync(HundredClicksFromTenCustomers());

        Assert.Equal(1, _counting!.BatchReads);
        Assert.Equal(0, _counting.Reads);
        Assert.Equal(10, _counting.Saves);
        Assert.Equal(0, harness.States.Conflicts);
    }

    [Fact]
    public async Task DetectAsync_RedeliveredBatch_OneBatchReadAndNoWrites()
    {
        var harness = Harness();
        var batch = HundredClicksFromTenCustomers();
        await harness.IngestAsync(batch);
        var savesBefore = _counting!.Saves;
        var alertsBefore = harness.Alerts.All.Count;

        var alerts = await harness.IngestAsync(batch);

        Assert.Empty(alerts);
        Assert.Equal(alertsBefore, harness.Alerts.All.Count);
        Assert.Equal(2, _counting.BatchReads);
        Assert.Equal(0, _counting.Reads);
        Assert.Equal(savesBefore, _counting.Saves);
        Assert.Equal(0, _counting.PendingWrites);
    }

    [Fact]
    public async Task DetectAsync_StateChangedSinceTheBatchRead_ReReadsOnlyThatCustomer()
    {
        var harness = Harness();
        var batch = HundredClicksFromTenCustomers();
        await harness.IngestAsync(batch[..10]);
        var read = await harness.Detection.ReadStatesAsync([.. batch.Select(i => i.CustomerKey).Distinct()], TestContext.Current.CancellationToken);
        await harness.IngestAsync([ScenarioEvents.Click("other", 5, selector: "#x") with { CustomerKey = "cust-3" }]);
        var readsBefore = _counting!.Reads;

        await harness.Detection.DetectAsync(batch[10..], "b2", BatchDelivery.First, read, TestContext.Current.CancellationToken);

        Assert.Equal(1, _counting.Reads - readsBefore);
        Assert.Equal(1, harness.States.Conflicts);
        var state = (await harness.States.GetAsync("cust-3", TestContext.Current.CancellationToken))!.State;
        Assert.Equal(11, state.Events.Count);
    }

    [Fact]
    public async Task DetectAsync_WebItems_StateKeepsTheNewestAsSessionMark()
    {
        var harness = Harness();
        var batch = HundredClicksFromTenCustomers().Select(i => i with { SessionId = "s-" + i.Id }).ToList();

        await harness.IngestAsync(batch[50..]);
        await harness.IngestAsync(batch[..50]);

        var state = (await harness.States.GetAsync("cust-7", TestContext.Current.CancellationToken))!.State;
        Assert.Equal(("s-e97", batch[97].Time, batch[97].SortKey), (state.Session!.SessionId, state.Session.Time, state.Session.SortKey));
        Assert.Equal(batch[57].SortKey, state.Session.BatchStart);
        Assert.Equal(SessionMark.Nothing, state.Session.Before);
    }
}
