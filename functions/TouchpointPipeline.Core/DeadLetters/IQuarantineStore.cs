namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// Where invalid events go: blob container <c>quarantine</c> (Azure Storage, Azurite locally) or a local folder,
/// as JSON Lines. Writing the same <see cref="QuarantineBatch.BatchId"/> twice keeps one copy. A replay reads records
/// back by name and rewrites each in place with the events that still fail, so an event is never quarantined twice.
/// </summary>
public interface IQuarantineStore
{
    Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken);

    /// <summary>The names of every quarantine record (<c>{hub}/{yyyy}/{MM}/{dd}/{batchId}</c>, as stored), in name order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The record under <paramref name="name"/> (from <see cref="ListAsync"/>), or null when it is gone.</summary>
    Task<QuarantineBatch?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record under <paramref name="name"/> with <paramref name="batch"/> (the events a replay left
    /// quarantined, with their new reasons), atomically; an empty batch removes the record. Removing a missing one is
    /// not an error.
    /// </summary>
    Task ReplaceAsync(string name, QuarantineBatch batch, CancellationToken cancellationToken);
}
