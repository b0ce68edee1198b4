using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// Keeps the emitter's <c>sessionid</c>; otherwise assigns one to web/app events: a new session after
/// <see cref="SessionOptions.InactivityTimeout"/> without activity or once <see cref="SessionOptions.MaxLength"/> is
/// reached. The customer's previous clickstream item (one bounded query per customer per batch) says whether the
/// batch continues a session. An event that arrives later than events after it may start its own session: stored
/// items are never rewritten.
/// </summary>
public sealed class SessionAssigner(ITimelineStore timelines, IOptions<SessionOptions> options)
{
    private const int Lookback = 10;

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
        foreach (var customer in needing)
        {
            var ordered = customer.OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            var session = await PreviousSessionAsync(customer.Key, ordered[0], cancellationToken);
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

    private async Task<(string Id, DateTimeOffset Start, DateTimeOffset Last)?> PreviousSessionAsync(
        string customerKey, TouchpointEvent first, CancellationToken cancellationToken)
    {
        var page = await timelines.GetPageAsync(customerKey, new TimelineQuery(Lookback, TimelineSortKey.For(first.Time, first.Id)), cancellationToken);
        var previous = page.Items.FirstOrDefault(i => i.Channel is Channel.Web or Channel.App);
        return previous is not null && SessionIds.TryGetStart(previous.SessionId, out var start)
            ? (previous.SessionId!, start, previous.Time)
            : null;
    }
}
