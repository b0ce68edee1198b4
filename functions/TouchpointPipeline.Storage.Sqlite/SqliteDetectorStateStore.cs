using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Detector state as one JSON row per customer with a version column (the etag: writes are
/// <c>UPDATE … WHERE version = @v</c>), and pending absence checks indexed by deadline. Writes go through the
/// database's single writer (group commit with the other stores); reads use pooled connections.
/// </summary>
internal sealed class SqliteDetectorStateStore(IOptions<SqliteStorageOptions> options) : IDetectorStateStore, IDisposable
{
    private readonly SqliteDatabase _database = SqliteDatabase.Acquire(options.Value.DatabasePath);

    public async Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection, "SELECT body, version FROM detector_state WHERE customer_key = @k", ("@k", customerKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredDetectorState(DetectorStateJson.Deserialize(Encoding.UTF8.GetBytes(reader.GetString(0))), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>One statement for the batch's customers (the keys as a JSON array), not a read per customer.</summary>
    public async Task<IReadOnlyDictionary<string, StoredDetectorState>> GetManyAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        var found = new Dictionary<string, StoredDetectorState>(StringComparer.Ordinal);
        if (customerKeys.Count == 0)
        {
            return found;
        }

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection,
            "SELECT customer_key, body, version FROM detector_state WHERE customer_key IN (SELECT value FROM json_each(@keys))",
            ("@keys", System.Text.Json.JsonSerializer.Serialize(customerKeys.Distinct(StringComparer.Ordinal).ToArray(), SqliteJsonContext.Default.StringArray)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new StoredDetectorState(
                DetectorStateJson.Deserialize(Encoding.UTF8.GetBytes(reader.GetString(1))), reader.GetInt64(2).ToString(CultureInfo.InvariantCulture));
        }

        return found;
    }

    public async Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var body = Encoding.UTF8.GetString(DetectorStateJson.SerializeToUtf8Bytes(state));
        if (etag is null)
        {
            return await _database.WriteAsync(
                scope => scope.Execute(
                    "INSERT OR IGNORE INTO detector_state (customer_key, version, body) VALUES (@k, 1, @b)", ("@k", state.CustomerKey), ("@b", body)) == 1,
                cancellationToken);
        }

        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        return await _database.WriteAsync(
            scope => scope.Execute(
                "UPDATE detector_state SET body = @b, version = version + 1 WHERE customer_key = @k AND version = @v",
                ("@k", state.CustomerKey), ("@b", body), ("@v", version)) == 1,
            cancellationToken);
    }

    public async Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await _database.WriteAsync(
            scope => scope.Execute(
                "INSERT OR IGNORE INTO pending_checks (id, customer_key, rule_id, trigger_event_id, deadline) VALUES (@id, @k, @r, @e, @d)",
                ("@id", check.Id), ("@k", check.CustomerKey), ("@r", check.RuleId), ("@e", check.TriggerEventId), ("@d", Format(check.Deadline))),
            cancellationToken);
    }

    public async Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection,
            "SELECT id, customer_key, rule_id, trigger_event_id, deadline FROM pending_checks WHERE deadline <= @t ORDER BY deadline, id LIMIT @limit",
            ("@t", Format(dueBy)), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checks = new List<PendingCheck>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checks.Add(new PendingCheck(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return checks;
    }

    public async Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await _database.WriteAsync(scope => scope.Execute("DELETE FROM pending_checks WHERE id = @id", ("@id", check.Id)), cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
