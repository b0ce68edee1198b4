namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// Per-customer detector state with optimistic concurrency, and the pending absence checks indexed by deadline.
/// Adapters: Cosmos DB (container <c>state</c>, pk <c>/customerKey</c>) and SQLite; one contract suite.
/// </summary>
public interface IDetectorStateStore
{
    /// <summary>The customer's state with its etag, or null when none was saved yet.</summary>
    Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken);

    /// <summary>
    /// The states of several customers, keyed by customer key; customers without a saved state are absent. Ingest asks
    /// this once per batch, so an adapter that can answer in one round trip (Cosmos DB ReadMany, SQLite <c>IN</c>)
    /// should override this default, which reads one customer after another.
    /// </summary>
    async Task<IReadOnlyDictionary<string, StoredDetectorState>> GetManyAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        var found = new Dictionary<string, StoredDetectorState>(StringComparer.Ordinal);
        foreach (var customerKey in customerKeys.Distinct(StringComparer.Ordinal))
        {
            if (await GetAsync(customerKey, cancellationToken) is { } stored)
            {
                found[customerKey] = stored;
            }
        }

        return found;
    }

    /// <summary>
    /// Writes the state if it is unchanged since read (<paramref name="etag"/>), or creates it when
    /// <paramref name="etag"/> is null and none exists. False on a concurrent change: re-read and re-evaluate.
    /// </summary>
    Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken);

    /// <summary>Creates the check unless its id exists (idempotent).</summary>
    Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken);

    /// <summary>Checks whose deadline is at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the check; removing a missing check is not an error.</summary>
    Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken);
}
