using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// A customer's timeline as support sees it: the customer's own items merged, newest first, with the items of every
/// anonymous id linked to the customer (the journey before login). Costs one page query per linked id, bounded by
/// the identity link limit. An event stored under two keys (first delivered before its link, again after) shows once.
/// </summary>
public sealed class CustomerTimelineReader(ITimelineStore timelines, IIdentityStore identities)
{
    public async Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        ArgumentNullException.ThrowIfNull(query);
        if (customerKey.StartsWith(CustomerKeys.AnonymousPrefix, StringComparison.Ordinal))
        {
            return await timelines.GetPageAsync(customerKey, query, cancellationToken);
        }

        var links = await identities.GetLinksAsync(customerKey, cancellationToken);
        if (links.Count == 0)
        {
            return await timelines.GetPageAsync(customerKey, query, cancellationToken);
        }

        var keys = links.Select(l => CustomerKeys.ForAnonymous(l.AnonymousId)).Prepend(customerKey).Distinct(StringComparer.Ordinal);
        var pages = await Task.WhenAll(keys.Select(k => timelines.GetPageAsync(k, query, cancellationToken)));
        var merged = pages.SelectMany(p => p.Items)
            .OrderByDescending(i => i.SortKey, StringComparer.Ordinal)
            .DistinctBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var items = merged.Take(query.Limit).ToList();

        // Every unreturned item of a source sorts below that source's last returned item, which is at or above the
        // merged page's last item: paging on from there loses nothing.
        var more = merged.Count > query.Limit || pages.Any(p => p.NextSortKey is not null);
        return new TimelinePage(items, more && items.Count > 0 ? items[^1].SortKey : null);
    }
}
