using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// Keeps the emitter's <c>sessionid</c>; otherwise assigns one to web/app events: a new session after
/// <see cref="SessionOptions.InactivityTimeout"/> without activity or once <see cref="SessionOptions.MaxLength"/> is
/// reached. The customers' previous clickstream items (one bounded lookup for the whole batch) say whether the batch
/// continues their sessions. An event that arrives later than events after it may start its own session: stored
/// items are never rewritten.
/// </summary>
public sealed class SessionAssigner(ITimelineStore timelines, IOptions<SessionOptions> options)
{
    private const int Lookback = 10;
    private static readonly IReadOnlySet<Channel> SessionChannels = new HashSet<Channel> { Channel.Web, Channel.App };

    public async Task<IReadOnlyList<TouchpointEvent>> AssignAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var needing = events.Where(NeedsSession).GroupBy(e => e.CustomerKey, StringComparer.Ordinal).ToList();
        if (needing.Count == 0)
        {
            return events;
        }

        var settings = options.Value;
        var assigned = new Dictionary<TouchpointEvent, string>(ReferenceEqualityComparer.Instance);
        var customers = needing
            .Select(c => (c.Key, Ordered: c.OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).ToList()))
            .ToList();
        var previous = await timelines.GetLatestAsync(
            [.. customers.Select(c => new LatestItemQuery(c.Key, TimelineSortKey.For(c.Ordered[0].Time, c.Ordered[0].Id), SessionChannels, Lookback))],
            cancellationToken);
        foreach (var customer in customers)
        {
            var ordered = customer.Ordered;
            var session = previous.TryGetValue(customer.Key, out var last) && SessionIds.TryGetStart(last.SessionId, out var start)
                ? (last.SessionId!, start, last.Time)
                : ((string Id, DateTimeOffset Start, DateTimeOffset Last)?)null;
            foreach (var e in ordered)
            {
                if (session is not { } s || e.Time - s.Last > settings.InactivityTimeout || e.Time - s.Start >= settings.MaxLength)
                {
                    session = (SessionIds.New(customer.Key, e.Id, e.Time), e.Time, e.Time);
                }
                else
                {
                    session = (s.Id, s.Start, e.Time > s.Last ? e.Time : s.Last);
                }

                assigned[e] = session.Value.Id;
            }
        }

        return events.Select(e => assigned.TryGetValue(e, out var id) ? e with { SessionId = id } : e).ToList();
    }

    private static bool NeedsSession(TouchpointEvent e) => e.SessionId is null && e.Channel is Channel.Web or Channel.App;
}
