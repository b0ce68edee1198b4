using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace TouchpointPipeline.Sdk.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer it creates, so a test advances the clock
/// only once the delay it is about has been scheduled (advancing before that would skip past it and hang the test).
/// </summary>
internal sealed class TimerAwareTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyCollection<TimeSpan> DueTimes => _dueTimes;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        return timer;
    }
}
