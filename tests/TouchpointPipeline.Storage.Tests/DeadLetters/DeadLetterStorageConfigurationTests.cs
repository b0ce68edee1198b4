using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

public sealed class DeadLetterStorageConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddDeadLetterStores(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void AddDeadLetterStores_NothingConfigured_LocalFolders()
    {
        using var services = Build([]);

        Assert.Equal("FolderQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal("FolderParkedBatchStore", services.GetRequiredService<IParkedBatchStore>().GetType().Name);
        Assert.Equal(".touchpoint-data", services.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value.DataPath);
    }

    [Fact]
    public void AddDeadLetterStores_ConnectionString_BlobStores()
    {
        using var services = Build(new() { ["DeadLetterStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("BlobQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal("BlobParkedBatchStore", services.GetRequiredService<IParkedBatchStore>().GetType().Name);
    }

    [Fact]
    public void AddDeadLetterStores_BlobServiceUriWithClientId_BlobStoresOnManagedIdentity()
    {
        using var services = Build(new() { ["DeadLetterStorage:blobServiceUri"] = "https://tpstore.blob.core.windows.net", ["DeadLetterStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });

        var options = services.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value;
        Assert.Equal(new Uri("https://tpstore.blob.core.windows.net"), options.BlobServiceUri);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);
        Assert.Null(options.ConnectionString);
        Assert.Equal("BlobQuarantineStore", services.GetRequiredService<IQuarantineStore>().GetType().Name);
        Assert.Equal(new Uri("https://tpstore.blob.core.windows.net/"), DeadLetterStorageServiceCollectionExtensions.CreateServiceClient(options).Uri);
    }

    [Theory]
    [InlineData("DeadLetterStorage:blobServiceUri", "tpstore.blob.core.windows.net", "blobServiceUri")]
    [InlineData("DeadLetterStorage:QuarantineContainer", "Bad_Name", "container names")]
    [InlineData("QuarantineStorage", "UseDevelopmentStorage=true", "now called DeadLetterStorage")]
    public void AddDeadLetterStores_InvalidSettings_ClearErrorAtStart(string key, string value, string expected)
    {
        using var services = Build(new() { ["DeadLetterStorage:blobServiceUri"] = "https://tpstore.blob.core.windows.net", [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
