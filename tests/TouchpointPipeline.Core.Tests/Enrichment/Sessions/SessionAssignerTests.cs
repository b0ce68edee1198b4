using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment.Sessions;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sessions;

/// <summary>Where the previous session comes from: the detector states' marks when they can answer, else a timeline lookup.</summary>
public sealed class SessionAssignerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly CountingTimelineStore _timeline = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SessionAssigner Assigner() => new(_timeline, Options.Create(new SessionOptions()));

    private static TouchpointEvent Click(string id, string customer, double minutes) => new()
    {
        Id = id, Type = EventTypes.ElementClicked, Source = "web/shop", Channel = Channel.Web, CustomerKey = customer,
        Time = T0.AddMinutes(minutes), DeviceTime = T0.AddMinutes(minutes), ReceivedAt = T0.AddMinutes(minutes), Data = "{}"u8.ToArray(),
        Position = new SourcePosition("clickstream", "0", "1", 1, T0, customer),
    };

    private async Task<SessionMark> StoredAsync(TouchpointEvent e)
    {
        var assigned = (await Assigner().AssignAsync([e], Ct))[0];
        var item = TimelineItem.From(assigned);
        await _timeline.AppendAsync([item], Ct);
        return new SessionMark(item.SessionId, item.Time, item.SortKey);
    }

    [Fact]
    public async Task AssignAsync_MarkOlderThanTheBatch_ContinuesFromTheMarkWithoutLookup()
    {
        var mark = await StoredAsync(Click("e1", "alice", 0));
        var readsBefore = _timeline.PageReads;

        var assigned = await Assigner().AssignAsync([Click("e2", "alice", 10)], new Dictionary<string, SessionMark?> { ["alice"] = mark }, Ct);

        Assert.Equal(mark.SessionId, assigned[0].SessionId);
        Assert.Equal(readsBefore, _timeline.PageReads);
    }

    [Fact]
    public async Task AssignAsync_CustomerWithoutState_NewSessionWithoutLookup()
    {
        var assigned = await Assigner().AssignAsync([Click("e1", "bob", 0)], new Dictionary<string, SessionMark?>(), Ct);

        Assert.Equal(SessionIds.New("bob", "e1", T0), assigned[0].SessionId);
        Assert.Equal(0, _timeline.PageReads);
    }

    [Fact]
    public async Task AssignAsync_StateWithoutMarkOrMarkNewerThanTheBatch_LooksUpTheTimeline()
    {
        var carol = await StoredAsync(Click("c1", "carol", 0));
        var dave = await StoredAsync(Click("d1", "dave", 0));
        var daveLater = await StoredAsync(Click("d3", "dave", 20));
        var readsBefore = _timeline.PageReads;

        var assigned = await Assigner().AssignAsync(
            [Click("c2", "carol", 10), Click("d2", "dave", 10)],
            new Dictionary<string, SessionMark?> { ["carol"] = null, ["dave"] = daveLater },
            Ct);

        Assert.Equal(2, _timeline.PageReads - readsBefore);
        Assert.Equal(carol.SessionId, assigned[0].SessionId);
        Assert.Equal(dave.SessionId, assigned[1].SessionId);
    }

    [Fact]
    public async Task AssignAsync_RedeliveryOfTheBatchThatSetTheMark_ContinuesFromTheMarkBeforeWithoutLookup()
    {
        var before = await StoredAsync(Click("e1", "erin", 0));
        var batch = new[] { Click("e2", "erin", 10), Click("e3", "erin", 11) };
        var first = await Assigner().AssignAsync(batch, Ct);
        var mark = new SessionMark(first[1].SessionId, first[1].Time, TimelineItem.From(first[1]).SortKey)
        {
            BatchStart = TimelineItem.From(first[0]).SortKey,
            Before = before,
        };
        var readsBefore = _timeline.PageReads;

        var again = await Assigner().AssignAsync(batch, new Dictionary<string, SessionMark?> { ["erin"] = mark }, Ct);

        Assert.Equal(first.Select(e => e.SessionId), again.Select(e => e.SessionId));
        Assert.Equal(before.SessionId, again[0].SessionId);
        Assert.Equal(readsBefore, _timeline.PageReads);
    }
}
