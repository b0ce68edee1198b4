using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>A timeline store whose database is down: every call fails as an unreachable store would after its retries.</summary>
internal sealed class UnreachableTimelineStore : ITimelineStore
{
    public int Appends { get; private set; }

    public Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken)
    {
        Appends++;
        throw new HttpRequestException("timeline store unreachable (test)");
    }

    public Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken) =>
        throw new HttpRequestException("timeline store unreachable (test)");
}
