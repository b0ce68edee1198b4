namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Erasure of a data subject from the timeline, identity, alert and detector stores, and the tombstones that keep them
/// erased. Adapters: SQLite (one transaction) and Cosmos DB (every container, item by item); one contract suite. Every
/// operation is idempotent: erasing what is gone deletes nothing and is not an error.
/// </summary>
public interface IErasureStore
{
    /// <summary>
    /// Deletes everything stored under the customer keys (stored form: a customer id, or <c>anon:</c> + anonymous id):
    /// timeline items, identity links both ways and refused links naming any of them, alerts, detector state and
    /// pending absence checks.
    /// </summary>
    Task<ErasureCounts> EraseAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken);

    /// <summary>Records the tombstones (from <see cref="TombstoneKeys"/>), each expiring after <see cref="RetentionOptions.TombstoneDays"/>.</summary>
    Task AddTombstonesAsync(IReadOnlyCollection<string> tombstones, DateTimeOffset erasedAt, CancellationToken cancellationToken);

    /// <summary>Every tombstone not yet expired (a small set: one to a few per erased person).</summary>
    Task<IReadOnlyCollection<string>> GetTombstonesAsync(CancellationToken cancellationToken);
}
