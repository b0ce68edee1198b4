using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// Learns links from <c>customer.identified</c> events and keys events that carry only a linked anonymous id to the
/// customer. Events are never re-keyed after they are stored (a partition key cannot change, and re-keying by arrival
/// order would break redelivery idempotency); the customer's timeline shows the pre-login anonymous events by merging
/// the linked anonymous timelines at read (<see cref="Timelines.CustomerTimelineReader"/>).
/// </summary>
public sealed class IdentityStitcher(IIdentityStore identities, IOptions<IdentityOptions> options, ILogger<IdentityStitcher> logger)
{
    /// <summary>Links first (in event-time order, so a batch with the login and later clicks keys the clicks), then resolves.</summary>
    public async Task<IReadOnlyList<TouchpointEvent>> StitchAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var policy = options.Value.Policy;
        foreach (var e in events.Where(e => e.Type == EventTypes.CustomerIdentified).OrderBy(e => e.Time))
        {
            if (e.CustomerId is null || e.AnonymousId is null)
            {
                continue;
            }

            var result = await identities.LinkAsync(new IdentityLink(e.AnonymousId, e.CustomerId, e.Id, e.Source, e.Time), policy, cancellationToken);
            if (result.Outcome is LinkOutcome.Conflict or LinkOutcome.TooManyLinks)
            {
                IdentityLog.LinkRefused(logger, e.Id, result.Outcome.ToString());
            }
        }

        var anonymousOnly = events.Where(e => e.CustomerId is null && e.AnonymousId is not null).Select(e => e.AnonymousId!).Distinct(StringComparer.Ordinal).ToList();
        if (anonymousOnly.Count == 0)
        {
            return events;
        }

        var resolved = await identities.ResolveAsync(anonymousOnly, cancellationToken);
        if (resolved.Count == 0)
        {
            return events;
        }

        return events
            .Select(e => e.CustomerId is null && e.AnonymousId is not null && resolved.TryGetValue(e.AnonymousId, out var customerId)
                ? e with { CustomerKey = customerId }
                : e)
            .ToList();
    }
}
