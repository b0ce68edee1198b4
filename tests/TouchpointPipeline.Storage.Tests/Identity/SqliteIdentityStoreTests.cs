using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Identity;

public sealed class SqliteIdentityStoreTests : IdentityStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-identity-").FullName;
    private readonly SqliteIdentityStore _store;

    public SqliteIdentityStoreTests() =>
        _store = new SqliteIdentityStore(Options.Create(new SqliteStorageOptions { DataPath = _folder }));

    protected override IIdentityStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
