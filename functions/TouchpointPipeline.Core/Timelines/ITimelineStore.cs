namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// The customer timeline: one item per event. Adapters: Cosmos DB (container <c>timeline</c>, pk <c>/customerKey</c>)
/// and SQLite (the embedded default). Both pass the same contract suite.
/// </summary>
public interface ITimelineStore
{
    /// <summary>
    /// Creates each item unless (customer key, id) already exists, in which case the stored item is left untouched and
    /// the outcome is <see cref="AppendOutcome.Duplicate"/> — never an exception, never an overwrite. Infrastructure
    /// failures that survive the adapter's bounded retries throw, so the whole batch can be retried; items created
    /// before the failure then come back as duplicates.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken);

    /// <summary>One page of a customer's timeline, newest first by <see cref="TimelineItem.SortKey"/>.</summary>
    Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// For several customers at once (one query per customer key), each customer's newest matching item (see
    /// <see cref="LatestItemQuery"/>), keyed by customer key; customers without one are absent. The ingest path asks
    /// this once per batch (sessions), so an adapter that can answer in one round trip should override this default,
    /// which reads one page per customer.
    /// </summary>
    async Task<IReadOnlyDictionary<string, TimelineItem>> GetLatestAsync(IReadOnlyList<LatestItemQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = new Dictionary<string, TimelineItem>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            var page = await GetPageAsync(query.CustomerKey, new TimelineQuery(query.Lookback, query.BeforeSortKey), cancellationToken);
            if (page.Items.FirstOrDefault(i => query.Channels.Contains(i.Channel)) is { } item)
            {
                found[query.CustomerKey] = item;
            }
        }

        return found;
    }
}
