using System.Collections.Concurrent;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>Keeps every confirmed message; fails the next <see cref="FailNext"/> calls as an unreachable broker would.</summary>
internal sealed class RecordingEventPublisher : IEventPublisher
{
    private int _failNext;

    public ConcurrentQueue<PublishMessage> Published { get; } = new();

    public int Calls;

    public int FailNext { get => _failNext; set => _failNext = value; }

    public Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            throw new EventPublishException("broker unreachable (test)");
        }

        foreach (var m in messages)
        {
            Published.Enqueue(m);
        }

        return Task.CompletedTask;
    }
}
