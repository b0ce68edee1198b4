using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>One SQLite store in a temporary folder per test class, deleted afterwards.</summary>
public sealed class SqliteTimelineStoreFixture : IDisposable
{
    private readonly SqliteTimelineStore _store;

    public SqliteTimelineStoreFixture()
    {
        DataPath = Path.Combine(Path.GetTempPath(), $"touchpoint-sqlite-{Guid.NewGuid():N}");
        _store = Create(DataPath);
    }

    public string DataPath { get; }

    internal SqliteTimelineStore Store => _store;

    internal static SqliteTimelineStore Create(string dataPath) => new(
        Options.Create(new SqliteStorageOptions { DataPath = dataPath }),
        NullLogger<SqliteTimelineStore>.Instance);

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
