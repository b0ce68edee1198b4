using Microsoft.Data.Sqlite;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// One database file as the stores of this process share it: pooled connections for reads (WAL readers never wait for
/// the writer) and the single <see cref="SqliteWriter"/> for every write, so the timeline, identity, alert and detector
/// stores of one file group-commit together instead of competing for SQLite's write lock. Reference-counted: the stores
/// acquire it in their constructor and release it when disposed; the last release closes the writer.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private static readonly Dictionary<string, SqliteDatabase> Open = new(StringComparer.Ordinal);
    private static readonly Lock OpenLock = new();

    private readonly string _path;
    private readonly SqliteConnections _connections;
    private readonly SqliteWriter _writer;
    private int _references;

    private SqliteDatabase(string path, Action<int, int>? schemaReady)
    {
        _path = path;
        _connections = new SqliteConnections(path, schemaReady);
        _writer = new SqliteWriter(_connections);
    }

    /// <summary>The shared instance for <paramref name="databasePath"/>; dispose it once when done.</summary>
    public static SqliteDatabase Acquire(string databasePath, Action<int, int>? schemaReady = null)
    {
        var path = Path.GetFullPath(databasePath);
        lock (OpenLock)
        {
            if (!Open.TryGetValue(path, out var database))
            {
                database = new SqliteDatabase(path, schemaReady);
                Open.Add(path, database);
            }

            database._references++;
            return database;
        }
    }

    /// <summary>A pooled connection for reads (the schema is ensured first).</summary>
    public Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken) => _connections.OpenReadAsync(cancellationToken);

    /// <summary>Queues a write for the next group commit; completes after it committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken) =>
        _writer.WriteAsync(work, cancellationToken);

    public void Dispose()
    {
        lock (OpenLock)
        {
            if (--_references > 0)
            {
                return;
            }

            Open.Remove(_path);
        }

        _writer.Dispose();
        _connections.Dispose();
    }
}
