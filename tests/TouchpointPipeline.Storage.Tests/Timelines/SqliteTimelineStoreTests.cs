using System.Text;
using Microsoft.Data.Sqlite;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Timelines;

public sealed class SqliteTimelineStoreTests(SqliteTimelineStoreFixture fixture)
    : TimelineStoreContractTests, IClassFixture<SqliteTimelineStoreFixture>
{
    protected override ITimelineStore Store => fixture.Store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_NonCanonicalJson_KeepsTheExactBytes()
    {
        var json = "{ \"a\" :\t1.50, \"u\": \"\\u00e9\\/\", \"big\": 12345678901234567890 }\n";
        var item = TimelineItems.Create(TimelineItems.NewCustomerKey(), "e1", data: json);

        await fixture.Store.AppendAsync([item], Ct);

        var stored = Assert.Single((await fixture.Store.GetPageAsync(item.CustomerKey, new(10, null), Ct)).Items);
        Assert.Equal(Encoding.UTF8.GetBytes(json), stored.Data.ToArray());
    }

    [Fact]
    public async Task AppendAsync_FirstUse_CreatesFolderAndSchemaInWalMode()
    {
        var dataPath = Path.Combine(fixture.DataPath, "first-use", "nested");

        using (var store = SqliteTimelineStoreFixture.Create(dataPath))
        {
            await store.AppendAsync([TimelineItems.Create("c", "e1")], Ct);
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "touchpoints.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        Assert.Equal((long)SqliteTimelineSchema.CurrentVersion, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_timeline_customer_sort_key';"));
    }

    [Fact]
    public async Task GetPageAsync_AfterReopeningTheDatabase_ReturnsStoredItemsAndKeepsDeduplicating()
    {
        var dataPath = Path.Combine(fixture.DataPath, "reopen");
        var items = TimelineItems.Series("c", 3);
        using (var first = SqliteTimelineStoreFixture.Create(dataPath))
        {
            await first.AppendAsync(items, Ct);
        }

        using var second = SqliteTimelineStoreFixture.Create(dataPath);
        var again = await second.AppendAsync(items, Ct);
        var page = await second.GetPageAsync("c", new TimelineQuery(10, null), Ct);

        Assert.Equal(3, again.Duplicates);
        Assert.Equal(3, page.Items.Count);
    }

    [Fact]
    public async Task AppendAsync_TwoStoresOnOneFile_StoreEachItemOnce()
    {
        var dataPath = Path.Combine(fixture.DataPath, "two-writers");
        using var a = SqliteTimelineStoreFixture.Create(dataPath);
        using var b = SqliteTimelineStoreFixture.Create(dataPath);
        var items = TimelineItems.Series("c", 40);

        var results = await Task.WhenAll(
            Task.Run(() => a.AppendAsync(items, Ct), Ct),
            Task.Run(() => b.AppendAsync(items.Reverse().ToArray(), Ct), Ct));

        Assert.Equal(40, results.Sum(r => r.Created));
        Assert.Equal(40, results.Sum(r => r.Duplicates));
    }

    [Fact]
    public async Task GetPageAsync_LimitBelowOne_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => fixture.Store.GetPageAsync("c", new TimelineQuery(0, null), Ct));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
