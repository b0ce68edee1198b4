using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Alerts in the embedded database: the alert JSON plus the columns the API filters and pages on. Creation is
/// <c>INSERT OR IGNORE</c> on the deterministic id; replacements are conditional on the row's version (the etag).
/// Writes go through the database's single writer (group commit with the other stores); reads use pooled connections.
/// </summary>
internal sealed class SqliteAlertStore(IOptions<SqliteStorageOptions> options) : IAlertStore, IDisposable
{
    private readonly SqliteDatabase _database = SqliteDatabase.Acquire(options.Value.DatabasePath);

    public async Task<bool> CreateAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = AlertJson.Serialize(alert);
        return await _database.WriteAsync(
            scope => scope.Execute(
                "INSERT OR IGNORE INTO alerts (id, customer_key, status, severity, created_at, escalated_at, version, body, undelivered) " +
                "VALUES (@id, @c, @s, @sev, @t, @e, 1, @b, @u)",
                ("@id", alert.Id), ("@u", (long)alert.Undelivered), ("@c", alert.CustomerKey), ("@s", Wire(alert.Status)), ("@sev", Wire(alert.Severity)),
                ("@t", Format(alert.CreatedAt)), ("@e", alert.EscalatedAt is { } e ? Format(e) : null), ("@b", body)) == 1,
            cancellationToken);
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection, "SELECT body, version, undelivered FROM alerts WHERE id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT body, version, undelivered, created_at, id FROM alerts WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            parameters.Add(("@status", Wire(status)));
        }

        if (query.Severity is { } severity)
        {
            sql.Append(" AND severity = @severity");
            parameters.Add(("@severity", Wire(severity)));
        }

        if (query.CustomerKey is { } customer)
        {
            sql.Append(" AND customer_key = @customer");
            parameters.Add(("@customer", customer));
        }

        if (query.Continuation is { } continuation)
        {
            var (createdAt, id) = DecodeContinuation(continuation);
            sql.Append(" AND (created_at < @afterTime OR (created_at = @afterTime AND id < @afterId))");
            parameters.Add(("@afterTime", createdAt));
            parameters.Add(("@afterId", id));
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        parameters.Add(("@limit", query.Limit + 1));

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Alert>();
        string? next = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == query.Limit)
            {
                var last = items[^1];
                next = EncodeContinuation(Format(last.CreatedAt), last.Id);
                break;
            }

            items.Add(Read(reader));
        }

        return new AlertPage(items, next);
    }

    public async Task<bool> TryReplaceAsync(Alert alert, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        var body = AlertJson.Serialize(alert with { ETag = null });
        return await _database.WriteAsync(
            scope => scope.Execute(
                "UPDATE alerts SET status = @s, severity = @sev, escalated_at = @e, body = @b, undelivered = @u, version = version + 1 WHERE id = @id AND version = @v",
                ("@id", alert.Id), ("@u", (long)alert.Undelivered), ("@v", version), ("@s", Wire(alert.Status)), ("@sev", Wire(alert.Severity)),
                ("@e", alert.EscalatedAt is { } e ? Format(e) : null), ("@b", body)) == 1,
            cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetEscalationCandidatesAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        return ReadDueAsync("status = 'open' AND escalated_at IS NULL", createdBefore, limit, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetUndeliveredAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        return ReadDueAsync("undelivered <> 0", createdBefore, limit, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> alerts matching <paramref name="condition"/> (a constant SQL fragment), oldest first.</summary>
    private async Task<IReadOnlyList<Alert>> ReadDueAsync(string condition, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = Command(connection,
            $"SELECT body, version, undelivered FROM alerts WHERE {condition} AND created_at <= @t ORDER BY created_at, id LIMIT @limit",
            ("@t", Format(createdBefore)), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(Read(reader));
        }

        return alerts;
    }

    public async Task<bool> MarkDeliveredAsync(Alert delivered, AlertChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return await _database.WriteAsync(
            scope => scope.Execute(
                "UPDATE alerts SET undelivered = undelivered & ~@ch, version = version + 1 " +
                "WHERE id = @id AND escalated_at IS @e AND (undelivered & @ch) <> 0",
                ("@id", delivered.Id), ("@ch", (long)channels), ("@e", delivered.EscalatedAt is { } e ? Format(e) : null)) == 1,
            cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    private static Alert Read(SqliteDataReader reader) =>
        AlertJson.Deserialize(Encoding.UTF8.GetBytes(reader.GetString(0))) with
        {
            ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture),
            Undelivered = (AlertChannels)reader.GetInt64(2),
        };

    private static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    // Fixed-width UTC "O" strings sort like the instants they name.
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string EncodeContinuation(string createdAt, string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdAt}|{id}"));

    private static (string CreatedAt, string Id) DecodeContinuation(string continuation)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0)
            {
                return (text[..bar], text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below as one clear error.
        }

        throw new ArgumentException("The continuation token is not one this store issued.", nameof(continuation));
    }

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
