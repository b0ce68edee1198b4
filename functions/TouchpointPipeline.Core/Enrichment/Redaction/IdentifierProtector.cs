using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Replaces the ids that <see cref="PiiOptions"/> marks as personal data by their salted hash, before identity,
/// sessions, detection or any store sees the event, so every store and lookup only ever holds the hash.
/// </summary>
internal sealed class IdentifierProtector(PiiHasher hasher)
{
    /// <summary>
    /// Hashes the customer and anonymous ids as configured, and the Event Hubs partition key when the emitter used the
    /// raw id as the key (the collector does): it is stored with the event's position.
    /// </summary>
    public TouchpointEvent Protect(TouchpointEvent e)
    {
        var customerId = e.CustomerId is { } c ? hasher.ProtectCustomerId(c) : null;
        var anonymousId = e.AnonymousId is { } a ? hasher.ProtectAnonymousId(a) : null;
        if (ReferenceEquals(customerId, e.CustomerId) && ReferenceEquals(anonymousId, e.AnonymousId))
        {
            return e;
        }

        var customerKey = customerId ?? CustomerKeys.ForAnonymous(anonymousId!);
        var partitionKey = e.Position.PartitionKey;
        if (partitionKey is not null
            && (string.Equals(partitionKey, e.CustomerKey, StringComparison.Ordinal)
                || string.Equals(partitionKey, e.CustomerId, StringComparison.Ordinal)
                || string.Equals(partitionKey, e.AnonymousId, StringComparison.Ordinal)))
        {
            partitionKey = customerKey;
        }

        return e with
        {
            CustomerId = customerId,
            AnonymousId = anonymousId,
            CustomerKey = customerKey,
            Position = e.Position with { PartitionKey = partitionKey },
        };
    }
}
