using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Timelines;

public sealed class SqliteServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSqliteTimelineStore_NoSettings_UsesTheDefaultDataPath()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;

        Assert.Equal(".touchpoint-data", options.DataPath);
        Assert.Equal(Path.GetFullPath(Path.Combine(".touchpoint-data", "touchpoints.db")), options.DatabasePath);
        Assert.IsType<SqliteTimelineStore>(provider.GetRequiredService<ITimelineStore>());
    }

    [Fact]
    public void AddSqliteTimelineStore_StorageSection_BindsDataPath()
    {
        using var provider = Build(new() { ["Storage:DataPath"] = "/tmp/touchpoints-x", ["Storage:Provider"] = "Sqlite" });

        var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;

        Assert.Equal("/tmp/touchpoints-x", options.DataPath);
    }

    [Fact]
    public void AddSqliteTimelineStore_EmptyDataPath_FailsAtStart()
    {
        using var provider = Build(new() { ["Storage:DataPath"] = " " });

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Storage:DataPath", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSqliteStores()
            .BuildServiceProvider();
}
