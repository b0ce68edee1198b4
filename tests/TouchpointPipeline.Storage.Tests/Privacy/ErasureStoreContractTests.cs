using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Privacy;

/// <summary>
/// What every erasure store must do, seen through the other ports of the same adapter; ids are unique per test so
/// adapters may share one database.
/// </summary>
public abstract class ErasureStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IdentityLinkPolicy Policy = new(5, TimeSpan.FromDays(7));
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IErasureStore Store { get; }

    protected abstract ITimelineStore Timelines { get; }

    protected abstract IIdentityStore Identities { get; }

    protected abstract IAlertStore Alerts { get; }

    protected abstract IDetectorStateStore States { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Customer(string name) => $"{name}-{_run}";

    private string Anon(string name) => $"anon-{name}-{_run}";

    [Fact]
    public async Task EraseAsync_CustomerAndLinkedAnonymousKey_RemovesTheirRecordsFromEveryStoreOnly()
    {
        var ann = Customer("ann");
        var annAnon = "anon:" + Anon("ann");
        var bob = Customer("bob");
        await SeedAsync(ann, annAnon, bob);

        var counts = await Store.EraseAsync([ann, annAnon], Ct);

        Assert.Equal(3, counts.TimelineItems);
        Assert.Equal(1, counts.Alerts);
        Assert.True(counts.IdentityRecords >= 2, $"identity records deleted: {counts.IdentityRecords}");
        Assert.True(counts.DetectorRecords >= 2, $"detector records deleted: {counts.DetectorRecords}");
        Assert.Empty((await Timelines.GetPageAsync(ann, new TimelineQuery(50, null), Ct)).Items);
        Assert.Empty((await Timelines.GetPageAsync(annAnon, new TimelineQuery(50, null), Ct)).Items);
        Assert.Empty(await Identities.GetLinksAsync(ann, Ct));
        Assert.Empty(await Identities.ResolveAsync([Anon("ann")], Ct));
        Assert.Empty(await Identities.GetRejectionsAsync(Anon("ann"), Ct));
        Assert.Empty(await Identities.GetRejectionsAsync(bob, Ct));
        Assert.Empty((await Alerts.ListAsync(new AlertQuery(CustomerKey: ann), Ct)).Items);
        Assert.Null(await States.GetAsync(ann, Ct));
        Assert.DoesNotContain(await States.GetDuePendingAsync(T0.AddYears(-40), 1000, Ct), c => c.CustomerKey == ann);

        // Someone else's records stay.
        Assert.Single((await Timelines.GetPageAsync(bob, new TimelineQuery(50, null), Ct)).Items);
        Assert.Single((await Alerts.ListAsync(new AlertQuery(CustomerKey: bob), Ct)).Items);
        Assert.NotNull(await States.GetAsync(bob, Ct));
    }

    [Fact]
    public async Task EraseAsync_Again_DeletesNothing()
    {
        var ann = Customer("ann");
        var annAnon = "anon:" + Anon("ann");
        await SeedAsync(ann, annAnon, Customer("bob"));
        await Store.EraseAsync([ann, annAnon], Ct);

        var again = await Store.EraseAsync([ann, annAnon], Ct);

        Assert.Equal(ErasureCounts.None, again);
    }

    [Fact]
    public async Task AddTombstonesAsync_TwiceAndAnother_EachReadBackOnce()
    {
        var first = $"sha256:{_run}-1";
        var second = $"sha256:{_run}-2";

        await Store.AddTombstonesAsync([first], T0, Ct);
        await Store.AddTombstonesAsync([first, second], T0.AddMinutes(1), Ct);
        var tombstones = await Store.GetTombstonesAsync(Ct);

        Assert.Single(tombstones, t => t == first);
        Assert.Single(tombstones, t => t == second);
    }

    private async Task SeedAsync(string ann, string annAnon, string bob)
    {
        await Timelines.AppendAsync(
            [
                TimelineItems.Create(ann, "e-1", T0),
                TimelineItems.Create(ann, "e-2", T0.AddMinutes(1)),
                TimelineItems.Create(annAnon, "e-0", T0.AddMinutes(-5)) with { CustomerId = null, AnonymousId = annAnon[5..] },
                TimelineItems.Create(bob, "e-9", T0),
            ],
            Ct);
        await Identities.LinkAsync(new IdentityLink(annAnon[5..], ann, "e-1", "web/shop", T0), Policy, Ct);
        // Bob tries to claim Ann's device: the refusal names both.
        await Identities.LinkAsync(new IdentityLink(annAnon[5..], bob, "e-9", "web/shop", T0.AddMinutes(2)), Policy, Ct);
        await Alerts.CreateAsync(NewAlert($"al-ann-{_run}", ann), Ct);
        await Alerts.CreateAsync(NewAlert($"al-bob-{_run}", bob), Ct);
        await States.TrySaveAsync(new DetectorState(ann, [new StateEvent("e-1", "page.viewed", "web", T0, new Dictionary<string, string>())], [], []), null, Ct);
        await States.TrySaveAsync(DetectorState.Empty(bob), null, Ct);
        await States.AddPendingAsync(new PendingCheck($"chk-{_run}", ann, "checkout-abandoned-after-error", "e-1", T0.AddYears(-50)), Ct);
    }

    private static Alert NewAlert(string id, string customerKey) => new()
    {
        Id = id,
        RuleId = "rage-click",
        Severity = AlertSeverity.High,
        CustomerKey = customerKey,
        IncidentEventId = "e-1",
        FirstEvidenceTime = T0,
        LastEvidenceTime = T0,
        EvidenceEventIds = ["e-1"],
        Summary = "Rage click.",
        SuggestedAction = "Help.",
        CreatedAt = T0,
    };
}
