namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// "This anonymous visitor is that customer", learned from a <c>customer.identified</c> event. Every link is
/// auditable: which event (<paramref name="EventId"/>), which emitter (<paramref name="Source"/>) and when
/// (<paramref name="LinkedAt"/> = the event's time, so a redelivery computes exactly the same link).
/// </summary>
public sealed record IdentityLink(string AnonymousId, string CustomerId, string EventId, string Source, DateTimeOffset LinkedAt);
