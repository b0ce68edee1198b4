using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Enrichment.Sessions;

namespace TouchpointPipeline.Storage.Tests.Detection;

/// <summary>What every detector state store must do; keys are unique per test so adapters may share one database.</summary>
public abstract class DetectorStateStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IDetectorStateStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Key(string name) => $"{name}-{_run}";

    private DetectorState State(string customer, int events) => new(
        Key(customer),
        Enumerable.Range(0, events).Select(i => new StateEvent($"e{i}", "element.clicked", "web", T0.AddSeconds(i),
            new Dictionary<string, string> { ["data.selector"] = "#pay", ["data.x"] = "10.5" })).ToList(),
        [new FiredIncident("rage-click", "al-1", T0, "batch-1")],
        [new AbsenceWindow("al-2", "checkout-abandoned-after-error", "p1", T0, T0.AddMinutes(30), Closed: false)])
    {
        Session = new SessionMark("auto-20261101T120000000Z-1a2b3c4d", T0.AddSeconds(events), "sort-key-" + events),
    };

    [Fact]
    public async Task GetAsync_NeverSaved_Null()
    {
        Assert.Null(await Store.GetAsync(Key("nobody"), Ct));
    }

    [Fact]
    public async Task TrySaveAsync_CreateThenUpdateWithEtag_RoundTripsEverything()
    {
        var created = await Store.TrySaveAsync(State("alice", 2), etag: null, Ct);
        var read = (await Store.GetAsync(Key("alice"), Ct))!;
        var updated = await Store.TrySaveAsync(State("alice", 3), read.ETag, Ct);
        var again = (await Store.GetAsync(Key("alice"), Ct))!;

        Assert.True(created);
        Assert.Equal(2, read.State.Events.Count);
        Assert.True(updated);
        Assert.Equal(3, again.State.Events.Count);
        Assert.Equal(T0.AddSeconds(2), again.State.Events[2].Time);
        Assert.Equal("10.5", again.State.Events[2].Fields["data.x"]);
        Assert.Equal(new FiredIncident("rage-click", "al-1", T0, "batch-1"), Assert.Single(again.State.Fired));
        Assert.Equal("al-2", Assert.Single(again.State.AbsenceWindows).Id);
        Assert.Equal(new SessionMark("auto-20261101T120000000Z-1a2b3c4d", T0.AddSeconds(3), "sort-key-3"), again.State.Session);
        Assert.NotEqual(read.ETag, again.ETag);
    }

    [Fact]
    public async Task TrySaveAsync_StaleEtagOrSecondCreate_Refused()
    {
        await Store.TrySaveAsync(State("bob", 1), etag: null, Ct);
        var read = (await Store.GetAsync(Key("bob"), Ct))!;
        await Store.TrySaveAsync(State("bob", 2), read.ETag, Ct);

        var stale = await Store.TrySaveAsync(State("bob", 5), read.ETag, Ct);
        var secondCreate = await Store.TrySaveAsync(State("bob", 5), etag: null, Ct);

        Assert.False(stale);
        Assert.False(secondCreate);
        Assert.Equal(2, (await Store.GetAsync(Key("bob"), Ct))!.State.Events.Count);
    }

    [Fact]
    public async Task GetManyAsync_SavedAndNeverSaved_SavedOnesWithEtagsThatWrite()
    {
        await Store.TrySaveAsync(State("dave", 1), etag: null, Ct);
        await Store.TrySaveAsync(State("erin", 2), etag: null, Ct);

        var read = await Store.GetManyAsync([Key("dave"), Key("erin"), Key("nobody"), Key("dave")], Ct);
        var single = (await Store.GetAsync(Key("erin"), Ct))!;
        var written = await Store.TrySaveAsync(State("erin", 3), read[Key("erin")].ETag, Ct);
        var stale = await Store.TrySaveAsync(State("erin", 4), read[Key("erin")].ETag, Ct);

        Assert.Equal([Key("dave"), Key("erin")], read.Keys.Order(StringComparer.Ordinal));
        Assert.Single(read[Key("dave")].State.Events);
        Assert.Equal(2, read[Key("erin")].State.Events.Count);
        Assert.Equal("al-2", Assert.Single(read[Key("erin")].State.AbsenceWindows).Id);
        Assert.Equal(single.ETag, read[Key("erin")].ETag);
        Assert.True(written);
        Assert.False(stale);
        Assert.Empty(await Store.GetManyAsync([], Ct));
    }

    [Fact]
    public async Task PendingChecks_AddTwiceDueByDeadlineDelete_Idempotent()
    {
        var early = new PendingCheck($"chk-early-{_run}", Key("carol"), "checkout-abandoned-after-error", "p1", T0.AddYears(-50));
        var late = new PendingCheck($"chk-late-{_run}", Key("carol"), "checkout-abandoned-after-error", "p2", T0.AddYears(-50).AddMinutes(10));
        await Store.AddPendingAsync(early, Ct);
        await Store.AddPendingAsync(early, Ct);
        await Store.AddPendingAsync(late, Ct);

        var dueFirst = await Store.GetDuePendingAsync(T0.AddYears(-50).AddMinutes(5), 100, Ct);
        var dueBoth = await Store.GetDuePendingAsync(T0.AddYears(-50).AddMinutes(10), 100, Ct);
        await Store.DeletePendingAsync(early, Ct);
        await Store.DeletePendingAsync(early, Ct);
        var afterDelete = await Store.GetDuePendingAsync(T0.AddYears(-50).AddMinutes(10), 100, Ct);

        Assert.Equal([early], dueFirst.Where(c => c.CustomerKey == Key("carol")));
        Assert.Equal([early, late], dueBoth.Where(c => c.CustomerKey == Key("carol")));
        Assert.Equal([late], afterDelete.Where(c => c.CustomerKey == Key("carol")));
    }
}
