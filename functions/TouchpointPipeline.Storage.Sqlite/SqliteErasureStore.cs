using System.Globalization;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Erasure on the embedded database: one write (one transaction, through the shared writer) deletes the customer
/// keys' rows from every table with <c>secure_delete</c> on (freed content is overwritten with zeros); then
/// <c>VACUUM</c> rebuilds the file (older copies of moved rows left in free space go too) and
/// <c>wal_checkpoint(TRUNCATE)</c> empties the write-ahead log, so no copy of the erased rows stays in either file.
/// Erasure is rare; the rebuild takes a moment on a large local database. Tombstones are rows of
/// <c>erasure_tombstones</c>.
/// </summary>
internal sealed class SqliteErasureStore(IOptions<SqliteStorageOptions> options) : IErasureStore, IDisposable
{
    private readonly SqliteDatabase _database = SqliteDatabase.Acquire(options.Value.DatabasePath);

    public async Task<ErasureCounts> EraseAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        var keys = customerKeys.Distinct(StringComparer.Ordinal).ToList();
        var erased = await _database.WriteAsync(scope =>
        {
            // A connection setting, not part of the transaction: the writer keeps zeroing what it deletes from here on.
            scope.Scalar("PRAGMA secure_delete = ON");
            var counts = ErasureCounts.None;
            foreach (var key in keys)
            {
                var identity = key.StartsWith(CustomerKeys.AnonymousPrefix, StringComparison.Ordinal)
                    ? scope.Execute("DELETE FROM identity_links WHERE anonymous_id = @a", ("@a", key[CustomerKeys.AnonymousPrefix.Length..]))
                        + scope.Execute("DELETE FROM identity_rejections WHERE anonymous_id = @a", ("@a", key[CustomerKeys.AnonymousPrefix.Length..]))
                    : scope.Execute("DELETE FROM identity_links WHERE customer_id = @k", ("@k", key))
                        + scope.Execute("DELETE FROM identity_rejections WHERE customer_id = @k OR existing_customer_id = @k", ("@k", key));
                counts = counts.Add(new ErasureCounts(
                    TimelineItems: scope.Execute("DELETE FROM timeline WHERE customer_key = @k", ("@k", key)),
                    IdentityRecords: identity,
                    Alerts: scope.Execute("DELETE FROM alerts WHERE customer_key = @k", ("@k", key)),
                    DetectorRecords: scope.Execute("DELETE FROM detector_state WHERE customer_key = @k", ("@k", key))
                        + scope.Execute("DELETE FROM pending_checks WHERE customer_key = @k", ("@k", key))));
            }

            return counts;
        }, cancellationToken);

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA busy_timeout = 5000; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        return erased;
    }

    public Task AddTombstonesAsync(IReadOnlyCollection<string> tombstones, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstones);
        var at = erasedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return _database.WriteAsync(scope =>
        {
            foreach (var tombstone in tombstones)
            {
                // A second erasure of the same person renews the tombstone's lifetime.
                scope.Execute(
                    "INSERT INTO erasure_tombstones (id, erased_at) VALUES (@id, @at) ON CONFLICT (id) DO UPDATE SET erased_at = excluded.erased_at",
                    ("@id", tombstone), ("@at", at));
            }

            return tombstones.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyCollection<string>> GetTombstonesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM erasure_tombstones";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public void Dispose() => _database.Dispose();
}
