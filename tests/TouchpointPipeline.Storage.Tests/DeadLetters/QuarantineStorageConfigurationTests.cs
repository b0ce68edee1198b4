using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Parking;
using TouchpointPipeline.Core.Quarantine;
using TouchpointPipeline.Storage.Blobs;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

public sealed class QuarantineStorageConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddQuarantineStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void AddQuarantineStorage_NothingConfigured_LocalFolders()
    {
        using var services = Build([]);

        Assert.Equal("FolderQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal("FolderParkedBatchStore", services.GetRequiredService<IParkedBatchStore>().GetType().Name);
        Assert.Equal(".touchpoint-data", services.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value.DataPath);
    }

    [Fact]
    public void AddQuarantineStorage_ConnectionString_BlobStores()
    {
        using var services = Build(new() { ["QuarantineStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("BlobQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal("BlobParkedBatchStore", services.GetRequiredService<IParkedBatchStore>().GetType().Name);
    }

    [Fact]
    public void AddQuarantineStorage_BlobServiceUriWithClientId_BlobStoresOnManagedIdentity()
    {
        using var services = Build(new() { ["QuarantineStorage:blobServiceUri"] = "https://tpstore.blob.core.windows.net", ["QuarantineStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });

        var options = services.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value;
        Assert.Equal(new Uri("https://tpstore.blob.core.windows.net"), options.BlobServiceUri);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);
        Assert.Null(options.ConnectionString);
        Assert.Equal("BlobQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal(new Uri("https://tpstore.blob.core.windows.net/"), QuarantineStorageServiceCollectionExtensions.CreateServiceClient(options).Uri);
    }

    [Theory]
    [InlineData("QuarantineStorage:blobServiceUri", "tpstore.blob.core.windows.net", "blobServiceUri")]
    [InlineData("QuarantineStorage:QuarantineContainer", "Bad_Name", "container names")]
    public void AddQuarantineStorage_InvalidSettings_ClearErrorAtStart(string key, string value, string expected)
    {
        using var services = Build(new() { ["QuarantineStorage:blobServiceUri"] = "https://tpstore.blob.core.windows.net", [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
