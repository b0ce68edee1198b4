using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Storage.Tests.Enrichment;

public sealed class SqliteLocalPiiSaltTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tp-salt-").FullName;

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    [Fact]
    public void PiiOptions_NoSaltConfigured_CreatesSaltFileBesideDatabaseAndReusesIt()
    {
        var first = Resolve(new() { ["Storage:DataPath"] = _dataPath });
        var second = Resolve(new() { ["Storage:DataPath"] = _dataPath });

        var file = Path.Combine(_dataPath, SqliteLocalPiiSalt.FileName);
        Assert.True(File.Exists(file));
        Assert.True(first.Salt!.Length >= PiiOptions.MinSaltLength);
        Assert.Equal(first.Salt, File.ReadAllText(file));
        Assert.Equal(first.Salt, second.Salt);
    }

    [Fact]
    public void PiiOptions_SaltConfigured_ConfiguredWinsAndNoFileWritten()
    {
        var options = Resolve(new() { ["Storage:DataPath"] = _dataPath, ["Enrichment:Pii:Salt"] = "configured-salt-0123456789" });

        Assert.Equal("configured-salt-0123456789", options.Salt);
        Assert.False(File.Exists(Path.Combine(_dataPath, SqliteLocalPiiSalt.FileName)));
    }

    [Fact]
    public void PiiOptions_HashingOff_NoSaltAndNoFile()
    {
        var options = Resolve(new() { ["Storage:DataPath"] = _dataPath, ["Enrichment:Pii:HashCustomerIdWhenEmail"] = "false" });

        Assert.Null(options.Salt);
        Assert.False(File.Exists(Path.Combine(_dataPath, SqliteLocalPiiSalt.FileName)));
    }

    [Fact]
    public void PiiOptions_DamagedSaltFile_FailsWithMessageNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_dataPath, SqliteLocalPiiSalt.FileName), "short");

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["Storage:DataPath"] = _dataPath }));

        Assert.Contains(SqliteLocalPiiSalt.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    private static PiiOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddTouchpointPipeline()
            .AddSqliteStores();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<PiiOptions>>().Value;
    }
}
