using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// The timeline in one SQLite file (WAL). An append is one write of the database's <see cref="SqliteWriter"/> (one
/// step of a group commit, the insert statement prepared once); <c>ON CONFLICT DO NOTHING</c> plus the changes
/// count tells a new item from a duplicate, which is never overwritten. Reads use their own pooled connections and
/// never wait for writers.
/// </summary>
internal sealed partial class SqliteTimelineStore : ITimelineStore, IDisposable
{
    private const string Columns =
        "customer_key, id, sort_key, type, channel, source, time, received_at, customer_id, anonymous_id, session_id, " +
        "data, position_hub, position_partition_id, position_offset, position_sequence_number, position_enqueued_time, " +
        "position_partition_key, device_time, enrichment";

    private const string InsertSql =
        $"INSERT INTO timeline ({Columns}) VALUES (@customer_key, @id, @sort_key, @type, @channel, @source, @time, " +
        "@received_at, @customer_id, @anonymous_id, @session_id, CAST(@data AS TEXT), @position_hub, " +
        "@position_partition_id, @position_offset, @position_sequence_number, @position_enqueued_time, " +
        "@position_partition_key, @device_time, CAST(@enrichment AS TEXT)) ON CONFLICT (customer_key, id) DO NOTHING;";

    private const string SelectColumns =
        "customer_key, id, type, channel, source, time, received_at, customer_id, anonymous_id, session_id, " +
        "CAST(data AS BLOB), position_hub, position_partition_id, position_offset, position_sequence_number, " +
        "position_enqueued_time, position_partition_key, device_time, CAST(enrichment AS BLOB)";

    private readonly SqliteDatabase _database;

    public SqliteTimelineStore(IOptions<SqliteStorageOptions> options, ILogger<SqliteTimelineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = SqliteDatabase.Acquire(options.Value.DatabasePath, (found, current) => LogSchemaReady(logger, found, current));
    }

    public async Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return new AppendResult([]);
        }

        var outcomes = await _database.WriteAsync(
            scope =>
            {
                var command = scope.Command(InsertSql);
                if (command.Parameters.Count == 0)
                {
                    DefineInsertParameters(command);
                }

                var outcomes = new AppendOutcome[items.Count];
                for (var i = 0; i < items.Count; i++)
                {
                    Bind(command, items[i]);
                    outcomes[i] = command.ExecuteNonQuery() == 1 ? AppendOutcome.Created : AppendOutcome.Duplicate;
                }

                return outcomes;
            },
            cancellationToken);

        return new AppendResult(outcomes);
    }

    public async Task<TimelinePage> GetPageAsync(
        string customerKey,
        TimelineQuery query,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerKey);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = query.BeforeSortKey is null
            ? $"SELECT {SelectColumns} FROM timeline WHERE customer_key = @customer_key " +
              "ORDER BY sort_key DESC LIMIT @take;"
            : $"SELECT {SelectColumns} FROM timeline WHERE customer_key = @customer_key AND sort_key < @before " +
              "ORDER BY sort_key DESC LIMIT @take;";
        command.Parameters.AddWithValue("@customer_key", customerKey);
        command.Parameters.AddWithValue("@take", query.Limit + 1);
        if (query.BeforeSortKey is not null)
        {
            command.Parameters.AddWithValue("@before", query.BeforeSortKey);
        }

        var items = new List<TimelineItem>(Math.Min(query.Limit + 1, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        if (items.Count <= query.Limit)
        {
            return new TimelinePage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new TimelinePage(items, items[^1].SortKey);
    }

    /// <summary>
    /// One statement for every customer: per query, the newest row before its sort key on its channels, found by
    /// walking the (customer key, sort key) index backwards. The lookback bound is not needed here.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TimelineItem>> GetLatestAsync(IReadOnlyList<LatestItemQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = new Dictionary<string, TimelineItem>(StringComparer.Ordinal);
        if (queries.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {SelectColumns} FROM timeline WHERE rowid IN (SELECT (" +
            "SELECT t.rowid FROM timeline AS t WHERE t.customer_key = q.value ->> 0 AND t.sort_key < q.value ->> 1 " +
            "AND t.channel IN (SELECT c.value FROM json_each(q.value -> 2) AS c) ORDER BY t.sort_key DESC LIMIT 1" +
            ") FROM json_each(@queries) AS q);";
        command.Parameters.AddWithValue("@queries", LatestQueriesJson(queries));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var item = Read(reader);
            found[item.CustomerKey] = item;
        }

        return found;
    }

    public void Dispose() => _database.Dispose();

    private static string LatestQueriesJson(IReadOnlyList<LatestItemQuery> queries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(queries.Count * 96);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var query in queries)
            {
                json.WriteStartArray();
                json.WriteStringValue(query.CustomerKey);
                json.WriteStringValue(query.BeforeSortKey);
                json.WriteStartArray();
                foreach (var channel in query.Channels)
                {
                    json.WriteStringValue(channel.ToWire());
                }

                json.WriteEndArray();
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenReadAsync(cancellationToken);

    private static void DefineInsertParameters(SqliteCommand command)
    {
        foreach (var name in new[]
                 {
                     "@customer_key", "@id", "@sort_key", "@type", "@channel", "@source", "@time", "@received_at",
                     "@customer_id", "@anonymous_id", "@session_id", "@position_hub", "@position_partition_id",
                     "@position_offset", "@position_enqueued_time", "@position_partition_key", "@device_time",
                 })
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        command.Parameters.Add("@data", SqliteType.Blob);
        command.Parameters.Add("@enrichment", SqliteType.Blob);
        command.Parameters.Add("@position_sequence_number", SqliteType.Integer);
    }

    private static void Bind(SqliteCommand command, TimelineItem item)
    {
        var p = command.Parameters;
        p["@customer_key"].Value = item.CustomerKey;
        p["@id"].Value = item.Id;
        p["@sort_key"].Value = item.SortKey;
        p["@type"].Value = item.Type;
        p["@channel"].Value = item.Channel.ToWire();
        p["@source"].Value = item.Source;
        p["@time"].Value = FormatTime(item.Time);
        p["@received_at"].Value = FormatTime(item.ReceivedAt);
        p["@device_time"].Value = item.DeviceTime is { } deviceTime ? FormatTime(deviceTime) : DBNull.Value;
        p["@customer_id"].Value = (object?)item.CustomerId ?? DBNull.Value;
        p["@anonymous_id"].Value = (object?)item.AnonymousId ?? DBNull.Value;
        p["@session_id"].Value = (object?)item.SessionId ?? DBNull.Value;
        p["@data"].Value = item.Data.ToArray();
        p["@enrichment"].Value = item.Enrichment.IsEmpty ? DBNull.Value : item.Enrichment.ToArray();

        var position = item.Position;
        p["@position_hub"].Value = (object?)position?.Hub ?? DBNull.Value;
        p["@position_partition_id"].Value = (object?)position?.PartitionId ?? DBNull.Value;
        p["@position_offset"].Value = (object?)position?.Offset ?? DBNull.Value;
        p["@position_sequence_number"].Value = (object?)position?.SequenceNumber ?? DBNull.Value;
        p["@position_enqueued_time"].Value = position?.EnqueuedTime is { } enqueued ? FormatTime(enqueued) : DBNull.Value;
        p["@position_partition_key"].Value = (object?)position?.PartitionKey ?? DBNull.Value;
    }

    private static TimelineItem Read(SqliteDataReader reader)
    {
        var channel = reader.GetString(3);
        return new TimelineItem
        {
            CustomerKey = reader.GetString(0),
            Id = reader.GetString(1),
            Type = reader.GetString(2),
            Channel = ChannelNames.TryParse(channel, out var parsed)
                ? parsed.Value
                : throw new InvalidDataException($"The timeline database holds an unknown channel '{channel}'."),
            Source = reader.GetString(4),
            Time = ParseTime(reader.GetString(5)),
            ReceivedAt = ParseTime(reader.GetString(6)),
            DeviceTime = reader.IsDBNull(17) ? null : ParseTime(reader.GetString(17)),
            Enrichment = reader.IsDBNull(18) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(18),
            CustomerId = reader.IsDBNull(7) ? null : reader.GetString(7),
            AnonymousId = reader.IsDBNull(8) ? null : reader.GetString(8),
            SessionId = reader.IsDBNull(9) ? null : reader.GetString(9),
            Data = reader.GetFieldValue<byte[]>(10),
            Position = reader.IsDBNull(11)
                ? null
                : new SourcePosition(
                    Hub: reader.GetString(11),
                    PartitionId: reader.IsDBNull(12) ? null : reader.GetString(12),
                    Offset: reader.IsDBNull(13) ? null : reader.GetString(13),
                    SequenceNumber: reader.IsDBNull(14) ? null : reader.GetInt64(14),
                    EnqueuedTime: reader.IsDBNull(15) ? null : ParseTime(reader.GetString(15)),
                    PartitionKey: reader.IsDBNull(16) ? null : reader.GetString(16)),
        };
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Timeline database ready: schema version {Found} found, {Current} current")]
    private static partial void LogSchemaReady(ILogger logger, int found, int current);
}
