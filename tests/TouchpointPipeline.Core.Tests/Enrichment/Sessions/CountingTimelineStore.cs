using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sessions;

/// <summary>An in-memory timeline that counts the per-customer page reads the session lookup makes (one round trip each).</summary>
internal sealed class CountingTimelineStore : ITimelineStore
{
    private readonly List<TimelineItem> _items = [];

    public int PageReads { get; private set; }

    public Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken)
    {
        var outcomes = items.Select(i =>
        {
            if (_items.Any(x => x.CustomerKey == i.CustomerKey && x.Id == i.Id))
            {
                return AppendOutcome.Duplicate;
            }

            _items.Add(i);
            return AppendOutcome.Created;
        }).ToList();
        return Task.FromResult(new AppendResult(outcomes));
    }

    public Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken)
    {
        PageReads++;
        var items = _items
            .Where(i => i.CustomerKey == customerKey && (query.BeforeSortKey is null || string.CompareOrdinal(i.SortKey, query.BeforeSortKey) < 0))
            .OrderByDescending(i => i.SortKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();
        return Task.FromResult(new TimelinePage(items, NextSortKey: null));
    }
}
