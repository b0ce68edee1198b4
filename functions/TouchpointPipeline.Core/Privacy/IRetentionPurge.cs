namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Deletes what is past its retention in a store that cannot expire records by itself (SQLite, local folders); Cosmos
/// DB (TTL) and Blob Storage (lifecycle rules) expire theirs and register none.
/// </summary>
public interface IRetentionPurge
{
    /// <summary>Deletes the records older than <see cref="RetentionOptions"/> allows at <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeAsync(RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken);
}
