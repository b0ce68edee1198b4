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

    /// <summary>When set, every call confirms all but these messages (indexes) and throws naming them, as a refused batch would.</summary>
    public IReadOnlyList<int>? Refuse { get; set; }

    public Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            throw new EventPublishException("broker unreachable (test)");
        }

        foreach (var (m, i) in messages.Select((m, i) => (m, i)))
        {
            if (Refuse?.Contains(i) != true)
            {
                Published.Enqueue(m);
            }
        }

        if (Refuse is { Count: > 0 } refused)
        {
            throw new EventPublishException("a batch was refused (test)", refused, new InvalidOperationException("refused (test)"));
        }

        return Task.CompletedTask;
    }
}
