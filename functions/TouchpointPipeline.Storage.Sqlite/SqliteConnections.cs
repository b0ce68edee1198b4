using Microsoft.Data.Sqlite;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Opens connections to the embedded database with a busy timeout, creating the folder and applying the schema
/// migrations once per store first. Shared by every SQLite store so they agree on the file, the pragmas and the schema.
/// </summary>
/// <remarks>
/// <c>synchronous = NORMAL</c> (the database is in WAL mode): a commit appends to the WAL without an fsync; the WAL is
/// synced at checkpoints. The database stays consistent after any crash, and a crash of the app loses nothing that
/// committed (the WAL is in the OS cache). A power loss or OS crash may roll back the last transactions since the
/// last checkpoint. That is the trade for the embedded store, which serves development, tests and single-box use: a
/// commit per group is then a memory copy instead of a disk flush. (The dev host's own log is in memory, so such a
/// crash loses its undelivered events anyway; in Azure the pipeline stores in Cosmos DB.)
/// </remarks>
internal sealed class SqliteConnections(string databasePath, Action<int, int>? schemaReady = null) : IDisposable
{
    private const int BusyTimeoutMilliseconds = 5_000;
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>
    /// A pooled connection for reads only, without the per-open pragmas (two more statements on every open): in WAL
    /// mode a reader never waits for the writer, and <c>synchronous</c> only concerns commits.
    /// </summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _schemaLock.Dispose();
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
                await using var connection = await OpenRawAsync(cancellationToken);
                var found = SqliteTimelineSchema.Migrate(connection);
                schemaReady?.Invoke(found, SqliteTimelineSchema.CurrentVersion);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
