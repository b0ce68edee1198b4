using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Storage.Tests.Alerts;

/// <summary>What every alert store must do; customer keys are unique per test so adapters may share one database.</summary>
public abstract class AlertStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IAlertStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Customer(string name) => $"{name}-{_run}";

    private Alert NewAlert(string id, string customer = "alice", int minutes = 0, AlertSeverity severity = AlertSeverity.High) => new()
    {
        Id = $"{id}-{_run}",
        RuleId = "rage-click",
        Severity = severity,
        CustomerKey = Customer(customer),
        IncidentEventId = "e-3",
        FirstEvidenceTime = T0.AddMinutes(minutes),
        LastEvidenceTime = T0.AddMinutes(minutes).AddSeconds(1),
        EvidenceEventIds = ["e-1", "e-2", "e-3"],
        Summary = "Rage click.",
        SuggestedAction = "Help.",
        CreatedAt = T0.AddMinutes(minutes),
    };

    [Fact]
    public async Task CreateAsync_NewThenSameIdAgain_CreatedOnceFirstVersionKept()
    {
        var alert = NewAlert("a1");

        var first = await Store.CreateAsync(alert, Ct);
        var second = await Store.CreateAsync(alert with { Summary = "changed" }, Ct);
        var stored = await Store.GetAsync(alert.Id, Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.NotNull(stored);
        Assert.Equal("Rage click.", stored.Summary);
        Assert.Equal(["e-1", "e-2", "e-3"], stored.EvidenceEventIds);
        Assert.Equal(alert.FirstEvidenceTime, stored.FirstEvidenceTime);
        Assert.Equal(AlertStatus.Open, stored.Status);
        Assert.NotNull(stored.ETag);
    }

    [Fact]
    public async Task GetAsync_UnknownId_Null()
    {
        Assert.Null(await Store.GetAsync($"missing-{_run}", Ct));
    }

    [Fact]
    public async Task TryReplaceAsync_CurrentEtag_ReplacesStaleEtagRefused()
    {
        await Store.CreateAsync(NewAlert("a1"), Ct);
        var read = (await Store.GetAsync($"a1-{_run}", Ct))!;

        var acknowledged = read with { Status = AlertStatus.Acknowledged, AcknowledgedBy = "agent-7", AcknowledgedAt = T0.AddHours(1) };
        var ok = await Store.TryReplaceAsync(acknowledged, read.ETag!, Ct);
        var stale = await Store.TryReplaceAsync(read with { Status = AlertStatus.Resolved }, read.ETag!, Ct);
        var stored = (await Store.GetAsync(read.Id, Ct))!;

        Assert.True(ok);
        Assert.False(stale);
        Assert.Equal(AlertStatus.Acknowledged, stored.Status);
        Assert.Equal("agent-7", stored.AcknowledgedBy);
        Assert.Equal(T0.AddHours(1), stored.AcknowledgedAt);
        Assert.NotEqual(read.ETag, stored.ETag);
    }

    [Fact]
    public async Task ListAsync_FiltersAndPages_NewestFirstEveryAlertOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync(NewAlert($"p{i}", minutes: i, severity: i % 2 == 0 ? AlertSeverity.High : AlertSeverity.Low), Ct);
        }

        await Store.CreateAsync(NewAlert("other", customer: "bob"), Ct);
        var read = (await Store.GetAsync($"p1-{_run}", Ct))!;
        await Store.TryReplaceAsync(read with { Status = AlertStatus.Resolved, ResolvedBy = "x", ResolvedAt = T0 }, read.ETag!, Ct);

        var pages = new List<AlertPage>();
        string? continuation = null;
        do
        {
            var page = await Store.ListAsync(new AlertQuery(CustomerKey: Customer("alice"), Limit: 2, Continuation: continuation), Ct);
            pages.Add(page);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        var high = await Store.ListAsync(new AlertQuery(Severity: AlertSeverity.High, CustomerKey: Customer("alice")), Ct);
        var open = await Store.ListAsync(new AlertQuery(Status: AlertStatus.Open, CustomerKey: Customer("alice")), Ct);

        Assert.Equal(["p4", "p3", "p2", "p1", "p0"], pages.SelectMany(p => p.Items).Select(a => a.Id[..2]));
        Assert.Equal(3, pages.Count);
        Assert.Equal(["p4", "p2", "p0"], high.Items.Select(a => a.Id[..2]));
        Assert.Equal(["p4", "p3", "p2", "p0"], open.Items.Select(a => a.Id[..2]));
        Assert.Null(open.Continuation);
    }

    [Fact]
    public async Task GetEscalationCandidatesAsync_OpenOldUnescalatedOnly()
    {
        await Store.CreateAsync(NewAlert("old", customer: "esc", minutes: 0), Ct);
        await Store.CreateAsync(NewAlert("new", customer: "esc", minutes: 50), Ct);
        await Store.CreateAsync(NewAlert("ack", customer: "esc", minutes: 1), Ct);
        await Store.CreateAsync(NewAlert("done", customer: "esc", minutes: 2), Ct);
        var ack = (await Store.GetAsync($"ack-{_run}", Ct))!;
        await Store.TryReplaceAsync(ack with { Status = AlertStatus.Acknowledged }, ack.ETag!, Ct);
        var done = (await Store.GetAsync($"done-{_run}", Ct))!;
        await Store.TryReplaceAsync(done with { EscalatedAt = T0.AddMinutes(40) }, done.ETag!, Ct);

        var candidates = await Store.GetEscalationCandidatesAsync(T0.AddMinutes(30), 100, Ct);

        var mine = candidates.Where(a => a.CustomerKey == Customer("esc")).ToList();
        Assert.Equal([$"old-{_run}"], mine.Select(a => a.Id));
        Assert.NotNull(mine[0].ETag);
    }
}
