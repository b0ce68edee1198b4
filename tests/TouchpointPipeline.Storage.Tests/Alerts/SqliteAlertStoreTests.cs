using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Alerts;

public sealed class SqliteAlertStoreTests : AlertStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-alerts-").FullName;
    private readonly SqliteAlertStore _store;

    public SqliteAlertStoreTests() =>
        _store = new SqliteAlertStore(Options.Create(new SqliteStorageOptions { DataPath = _folder }));

    protected override IAlertStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
