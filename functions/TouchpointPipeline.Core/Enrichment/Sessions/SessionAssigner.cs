using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// Keeps the emitter's <c>sessionid</c>; otherwise assigns one to web/app events: a new session after
/// <see cref="SessionOptions.InactivityTimeout"/> without activity or once <see cref="SessionOptions.MaxLength"/> is
/// reached. The customers' previous clickstream items (their detector states' session marks, else one bounded lookup
/// for the whole batch) say whether the batch continues their sessions. An event that arrives later than events after
/// it may start its own session: stored items are never rewritten.
/// </summary>
public sealed class SessionAssigner(ITimelineStore timelines, IOptions<SessionOptions> options)
{
    private const int Lookback = 10;
    private static readonly IReadOnlySet<Channel> SessionChannels = new HashSet<Channel> { Channel.Web, Channel.App };

    public Task<IReadOnlyList<TouchpointEvent>> AssignAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken) =>
        AssignAsync(events, known: null, cancellationToken);

    /// <summary>
    /// As <see cref="AssignAsync(IReadOnlyList{TouchpointEvent}, CancellationToken)"/>, with what the detector states
    /// say: a customer in <paramref name="known"/> whose mark knows the item before the batch (<see cref="SessionMark.Preceding"/>:
    /// the mark is older than the batch, or the batch is a redelivery of the one that set it) continues from it, one
    /// absent from it has no earlier item (no state, so nothing was stored for them; a session would have expired before
    /// a state is deleted), and only the others (no mark yet, late events) are looked up.
    /// </summary>
    public async Task<IReadOnlyList<TouchpointEvent>> AssignAsync(
        IReadOnlyList<TouchpointEvent> events, IReadOnlyDictionary<string, SessionMark?>? known, CancellationToken cancellationToken)
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
        var marks = new Dictionary<string, SessionMark>(StringComparer.Ordinal);
        var lookups = new List<LatestItemQuery>();
        foreach (var (key, ordered) in customers)
        {
            var first = TimelineSortKey.For(ordered[0].Time, ordered[0].Id);
            if (known is null || (known.TryGetValue(key, out var mark) && mark?.Preceding(first) is null))
            {
                lookups.Add(new LatestItemQuery(key, first, SessionChannels, Lookback));
            }
            else if (mark?.Preceding(first) is { } preceding)
            {
                marks[key] = preceding;
            }
        }

        if (lookups.Count > 0)
        {
            foreach (var (key, item) in await timelines.GetLatestAsync(lookups, cancellationToken))
            {
                marks[key] = new SessionMark(item.SessionId, item.Time, item.SortKey);
            }
        }

        foreach (var customer in customers)
        {
            var ordered = customer.Ordered;
            var session = marks.TryGetValue(customer.Key, out var last) && SessionIds.TryGetStart(last.SessionId, out var start)
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
