using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Storage.Tests.Identity;

/// <summary>What every identity store must do; ids are unique per test so adapters may share one database.</summary>
public abstract class IdentityStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IdentityLinkPolicy Policy = new(3, TimeSpan.FromDays(7));
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IIdentityStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Anon(int n) => $"anon-{_run}-{n}";

    private string Customer(string name) => $"{name}-{_run}";

    private IdentityLink Link(int anon, string customer, string eventId, DateTimeOffset? at = null) =>
        new(Anon(anon), Customer(customer), eventId, "web/shop", at ?? T0);

    [Fact]
    public async Task LinkAsync_NewLink_LinkedAndResolvable()
    {
        var result = await Store.LinkAsync(Link(1, "alice", "e-1"), Policy, Ct);

        Assert.Equal(LinkOutcome.Linked, result.Outcome);
        Assert.Equal(Customer("alice"), (await Store.ResolveAsync([Anon(1), Anon(2)], Ct))[Anon(1)]);
        Assert.False((await Store.ResolveAsync([Anon(2)], Ct)).ContainsKey(Anon(2)));
        Assert.Empty(await Store.ResolveAsync([], Ct));
    }

    [Fact]
    public async Task LinkAsync_SameLinkAgain_AlreadyLinkedNothingRecorded()
    {
        await Store.LinkAsync(Link(1, "alice", "e-1"), Policy, Ct);

        var again = await Store.LinkAsync(Link(1, "alice", "e-1"), Policy, Ct);
        var relogin = await Store.LinkAsync(Link(1, "alice", "e-2", T0.AddDays(1)), Policy, Ct);

        Assert.Equal(LinkOutcome.AlreadyLinked, again.Outcome);
        Assert.Equal(LinkOutcome.AlreadyLinked, relogin.Outcome);
        Assert.Single(await Store.GetLinksAsync(Customer("alice"), Ct));
        Assert.Empty(await Store.GetRejectionsAsync(Anon(1), Ct));
    }

    [Fact]
    public async Task LinkAsync_AnonymousIdOfAnotherCustomer_ConflictRecordedOnceLinkUnchanged()
    {
        await Store.LinkAsync(Link(1, "alice", "e-1"), Policy, Ct);

        var conflict = await Store.LinkAsync(Link(1, "bob", "e-2", T0.AddMinutes(5)), Policy, Ct);
        await Store.LinkAsync(Link(1, "bob", "e-2", T0.AddMinutes(5)), Policy, Ct);

        Assert.Equal(new LinkResult(LinkOutcome.Conflict, Customer("alice")), conflict);
        Assert.Equal(Customer("alice"), (await Store.ResolveAsync([Anon(1)], Ct))[Anon(1)]);
        Assert.Empty(await Store.GetLinksAsync(Customer("bob"), Ct));
        var byAnonymous = Assert.Single(await Store.GetRejectionsAsync(Anon(1), Ct));
        var byCustomer = Assert.Single(await Store.GetRejectionsAsync(Customer("bob"), Ct));
        Assert.Equal(byAnonymous, byCustomer);
        Assert.Equal((LinkOutcome.Conflict, Customer("alice"), "e-2"), (byAnonymous.Outcome, byAnonymous.ExistingCustomerId, byAnonymous.Attempt.EventId));
    }

    [Fact]
    public async Task LinkAsync_OverTheLimitWithinTheWindow_TooManyLinksButLaterAllowed()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(LinkOutcome.Linked, (await Store.LinkAsync(Link(i, "kiosk", $"e-{i}", T0.AddHours(i)), Policy, Ct)).Outcome);
        }

        var fourth = await Store.LinkAsync(Link(4, "kiosk", "e-4", T0.AddDays(2)), Policy, Ct);
        var later = await Store.LinkAsync(Link(5, "kiosk", "e-5", T0.AddDays(8)), Policy, Ct);

        Assert.Equal(LinkOutcome.TooManyLinks, fourth.Outcome);
        Assert.Equal(LinkOutcome.Linked, later.Outcome);
        Assert.Equal(LinkOutcome.TooManyLinks, Assert.Single(await Store.GetRejectionsAsync(Anon(4), Ct)).Outcome);
        Assert.Equal([Anon(1), Anon(2), Anon(3), Anon(5)], (await Store.GetLinksAsync(Customer("kiosk"), Ct)).Select(l => l.AnonymousId));
    }

    [Fact]
    public async Task GetLinksAsync_OldestFirstWithAuditFields()
    {
        await Store.LinkAsync(Link(2, "carol", "e-late", T0.AddHours(2)), Policy, Ct);
        await Store.LinkAsync(Link(1, "carol", "e-early", T0), Policy, Ct);

        var links = await Store.GetLinksAsync(Customer("carol"), Ct);

        Assert.Equal([Link(1, "carol", "e-early", T0), Link(2, "carol", "e-late", T0.AddHours(2))], links);
    }

    [Fact]
    public async Task LinkAsync_ConcurrentLinksOfOneAnonymousId_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.LinkAsync(Link(9, i % 2 == 0 ? "dave" : "erin", $"e-{i}"), Policy, Ct)));

        Assert.Single(results, r => r.Outcome == LinkOutcome.Linked);
        var winner = (await Store.ResolveAsync([Anon(9)], Ct))[Anon(9)];
        Assert.All(results.Where(r => r.Outcome == LinkOutcome.Conflict), r => Assert.Equal(winner, r.ExistingCustomerId));
    }
}
