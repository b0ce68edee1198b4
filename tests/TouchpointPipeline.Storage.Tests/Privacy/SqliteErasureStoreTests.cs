using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Privacy;

public sealed class SqliteErasureStoreTests : ErasureStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-erasure-").FullName;
    private readonly ServiceProvider _services;

    public SqliteErasureStoreTests() =>
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSqliteStores(o => o.DataPath = _folder)
            .BuildServiceProvider();

    protected override IErasureStore Store => _services.GetRequiredService<IErasureStore>();

    protected override ITimelineStore Timelines => _services.GetRequiredService<ITimelineStore>();

    protected override IIdentityStore Identities => _services.GetRequiredService<IIdentityStore>();

    protected override IAlertStore Alerts => _services.GetRequiredService<IAlertStore>();

    protected override IDetectorStateStore States => _services.GetRequiredService<IDetectorStateStore>();

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
