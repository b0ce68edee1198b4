using Microsoft.Data.Sqlite;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Sqlite;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Sqlite;

/// <summary>The single writer's group commit: every write committed once, failures isolated, stores of one file shared.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"touchpoint-writer-{Guid.NewGuid():N}");
    private readonly SqliteDatabase _database;

    public SqliteWriterTests()
    {
        _database = SqliteDatabase.Acquire(new SqliteStorageOptions { DataPath = _folder }.DatabasePath);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_ManyConcurrentWrites_CommitsEachOnceWithItsOwnResult()
    {
        var writes = Enumerable.Range(0, 500).Select(i => _database.WriteAsync(
            scope => scope.Execute("INSERT OR IGNORE INTO pending_checks (id, customer_key, rule_id, trigger_event_id, deadline) VALUES (@id, 'c', 'r', 'e', 'd')", ("@id", $"k{i % 250}")),
            Ct)).ToList();

        var changes = await Task.WhenAll(writes);

        Assert.Equal(250, changes.Count(c => c == 1));
        Assert.Equal(250, changes.Count(c => c == 0));
        Assert.Equal(250L, await CountAsync("SELECT COUNT(*) FROM pending_checks"));
    }

    [Fact]
    public async Task WriteAsync_OneWriteThrows_FailsAloneAndTheOthersCommit()
    {
        var before = _database.WriteAsync(scope => Insert(scope, "before"), Ct);
        var failing = _database.WriteAsync<int>(scope => throw new InvalidOperationException("boom"), Ct);
        var badSql = _database.WriteAsync(scope => scope.Execute("INSERT INTO no_such_table VALUES (1)"), Ct);
        var after = _database.WriteAsync(scope => Insert(scope, "after"), Ct);

        Assert.Equal(1, await before);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Assert.ThrowsAsync<SqliteException>(() => badSql);
        Assert.Equal(1, await after);
        Assert.Equal(2L, await CountAsync("SELECT COUNT(*) FROM pending_checks WHERE id IN ('before', 'after')"));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeItStarts_IsNotWritten()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _database.WriteAsync(scope => Insert(scope, "cancelled"), cancelled.Token));
        await _database.WriteAsync(scope => Insert(scope, "next"), Ct);

        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM pending_checks WHERE id = 'cancelled'"));
    }

    [Fact]
    public async Task Acquire_StoresOfOneFile_ShareTheWriterAndOutliveEachOtherDisposal()
    {
        var items = TimelineItems.Series("shared", 3);
        using (var first = SqliteTimelineStoreFixture.Create(_folder))
        {
            await first.AppendAsync(items.Take(1).ToList(), Ct);
        }

        // The test's own reference keeps the database open; the disposed store released only its own.
        Assert.Equal(1, await _database.WriteAsync(scope => Insert(scope, "still-open"), Ct));
        using var second = SqliteTimelineStoreFixture.Create(_folder);
        var result = await second.AppendAsync(items, Ct);

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Created, AppendOutcome.Created], result.Outcomes);
    }

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int Insert(SqliteWriteScope scope, string id) =>
        scope.Execute("INSERT INTO pending_checks (id, customer_key, rule_id, trigger_event_id, deadline) VALUES (@id, 'c', 'r', 'e', 'd')", ("@id", id));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _database.OpenReadAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
