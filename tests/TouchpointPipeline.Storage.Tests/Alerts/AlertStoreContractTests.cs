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

    [Fact]
    public async Task GetUndeliveredAsync_MarkedAlertsOldEnough_OldestFirstWithTheirMarks()
    {
        await Store.CreateAsync(NewAlert("both", customer: "outbox", minutes: 1) with { Undelivered = AlertChannels.All }, Ct);
        await Store.CreateAsync(NewAlert("hook", customer: "outbox", minutes: 0) with { Undelivered = AlertChannels.Webhook }, Ct);
        await Store.CreateAsync(NewAlert("done", customer: "outbox", minutes: 2), Ct);
        await Store.CreateAsync(NewAlert("young", customer: "outbox", minutes: 50) with { Undelivered = AlertChannels.All }, Ct);

        var undelivered = await Store.GetUndeliveredAsync(T0.AddMinutes(30), 1000, Ct);

        var mine = undelivered.Where(a => a.CustomerKey == Customer("outbox")).ToList();
        Assert.Equal([$"hook-{_run}", $"both-{_run}"], mine.Select(a => a.Id));
        Assert.Equal([AlertChannels.Webhook, AlertChannels.All], mine.Select(a => a.Undelivered));
        Assert.All(mine, a => Assert.NotNull(a.ETag));
        Assert.Equal(AlertChannels.None, (await Store.GetAsync($"done-{_run}", Ct))!.Undelivered);
    }

    [Fact]
    public async Task MarkDeliveredAsync_OneChannelThenTheOther_ClearedSeparatelyOnce()
    {
        var alert = NewAlert("m1", customer: "mark") with { Undelivered = AlertChannels.All };
        await Store.CreateAsync(alert, Ct);
        var before = (await Store.GetAsync(alert.Id, Ct))!;

        var hub = await Store.MarkDeliveredAsync(alert, AlertChannels.Hub, Ct);
        var hubAgain = await Store.MarkDeliveredAsync(alert, AlertChannels.Hub, Ct);
        var afterHub = (await Store.GetAsync(alert.Id, Ct))!;
        var webhook = await Store.MarkDeliveredAsync(alert, AlertChannels.Webhook, Ct);
        var after = (await Store.GetAsync(alert.Id, Ct))!;

        Assert.True(hub);
        Assert.False(hubAgain);
        Assert.Equal(AlertChannels.Webhook, afterHub.Undelivered);
        Assert.NotEqual(before.ETag, afterHub.ETag);
        Assert.True(webhook);
        Assert.Equal(AlertChannels.None, after.Undelivered);
        Assert.DoesNotContain(await Store.GetUndeliveredAsync(T0.AddDays(1), 1000, Ct), a => a.Id == alert.Id);
        Assert.False(await Store.MarkDeliveredAsync(NewAlert("missing", customer: "mark"), AlertChannels.All, Ct));
    }

    [Fact]
    public async Task MarkDeliveredAsync_EscalatedSinceTheDeliveredVersion_KeepsTheMark()
    {
        var raised = NewAlert("e1", customer: "markesc") with { Undelivered = AlertChannels.All };
        await Store.CreateAsync(raised, Ct);
        var read = (await Store.GetAsync(raised.Id, Ct))!;
        var escalated = read with { EscalatedAt = T0.AddMinutes(40), Undelivered = AlertChannels.All };
        Assert.True(await Store.TryReplaceAsync(escalated, read.ETag!, Ct));

        var stale = await Store.MarkDeliveredAsync(raised, AlertChannels.Hub, Ct);
        var current = await Store.MarkDeliveredAsync(escalated, AlertChannels.Hub, Ct);
        var stored = (await Store.GetAsync(raised.Id, Ct))!;

        Assert.False(stale);
        Assert.True(current);
        Assert.Equal(AlertChannels.Webhook, stored.Undelivered);
        Assert.Equal(T0.AddMinutes(40), stored.EscalatedAt);
    }

    [Fact]
    public async Task TryReplaceAsync_StatusChangeWithTheReadMarks_KeepsThemAndTheJsonHasNone()
    {
        await Store.CreateAsync(NewAlert("k1", customer: "keep") with { Undelivered = AlertChannels.Hub }, Ct);
        var read = (await Store.GetAsync($"k1-{_run}", Ct))!;

        Assert.True(await Store.TryReplaceAsync(read with { Status = AlertStatus.Acknowledged }, read.ETag!, Ct));
        var stored = (await Store.GetAsync(read.Id, Ct))!;

        Assert.Equal(AlertChannels.Hub, stored.Undelivered);
        Assert.Equal(AlertStatus.Acknowledged, stored.Status);
        Assert.DoesNotContain("ndelivered", AlertJson.Serialize(stored), StringComparison.Ordinal);
    }
}
