using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>A timeline store that fails like a bug would, the same way on every attempt: the batch is poison.</summary>
internal sealed class PoisonedTimelineStore : ITimelineStore
{
    public Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a bug (test)");

    public Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a bug (test)");
}
