using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Simulator.Observing;
using TouchpointPipeline.Simulator.Tests.Infrastructure;

namespace TouchpointPipeline.Simulator.Tests.Observing;

public sealed class PipelineObserverTests
{
    private readonly FakeSimulationTarget _target = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Poll_BatchAcceptedThenEveryIngestConsumerCheckpointedPastTheHeads_CountsItStored()
    {
        var observer = new PipelineObserver(_target, "alerts", _time);
        _target.Positions.Add(new ConsumerPosition("IngestClickstream", "clickstream", "0", Head: 10, Checkpoint: 4));
        _target.Positions.Add(new ConsumerPosition("Publish", "alerts", "0", Head: 3, Checkpoint: null));
        observer.BatchAccepted(_time.GetUtcNow(), 5);
        observer.Poll(); // takes the watermark: head 10

        _time.Advance(TimeSpan.FromMilliseconds(250));
        observer.Poll();
        var storedBefore = observer.Stored;
        _target.Positions[0] = _target.Positions[0] with { Checkpoint = 9 };
        observer.Poll();

        Assert.Equal(0, storedBefore);
        Assert.Equal(5, observer.Stored);
        Assert.True(observer.AllStored);
        Assert.Equal(250, observer.EmitToStored.Summarize().Max);
    }

    [Fact]
    public void Poll_AlertsOnTheHub_ReturnsEachParsedAlertOnceAndSkipsOtherMessages()
    {
        var observer = new PipelineObserver(_target, "alerts", _time);
        _target.Publish("alerts", "0", """{"id":"a1","ruleId":"rage-click","severity":"high","customerKey":"c1","incidentEventId":"e1","createdAt":"2026-11-23T09:59:59Z"}""");
        _target.Publish("alerts", "1", "not an alert");

        var first = observer.Poll();
        _target.Publish("alerts", "0", """{"id":"a2","ruleId":"long-hold","severity":"low","customerKey":"c2","incidentEventId":"e2","createdAt":"2026-11-23T10:00:00Z"}""");
        var second = observer.Poll();

        Assert.Equal(["a1"], first.Select(a => a.Id));
        Assert.Equal(["a2"], second.Select(a => a.Id));
        Assert.Equal(("rage-click", "c1", "e1"), (first[0].Rule, first[0].CustomerKey, first[0].IncidentEventId));
    }
}
