using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Detection;

public sealed class SqliteDetectorStateStoreTests : DetectorStateStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-state-").FullName;
    private readonly SqliteDetectorStateStore _store;

    public SqliteDetectorStateStoreTests() =>
        _store = new SqliteDetectorStateStore(Options.Create(new SqliteStorageOptions { DataPath = _folder }));

    protected override IDetectorStateStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
