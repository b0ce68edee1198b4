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
