using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Storage.DeadLetters;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>The contract against a real Azurite, through the same DI extension and settings the app uses.</summary>
public sealed class BlobDeadLetterStoreTests : DeadLetterStoreContractTests, IAsyncLifetime
{
    private readonly ServiceProvider _services;
    private readonly BlobServiceClient _client;
    private readonly string _quarantine = "q" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _parked = "p" + Guid.NewGuid().ToString("N")[..20];

    public BlobDeadLetterStoreTests(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DeadLetterStorage"] = azurite.ConnectionString,
            ["DeadLetterStorage:QuarantineContainer"] = _quarantine,
            ["DeadLetterStorage:ParkedContainer"] = _parked,
        }).Build();
        _services = new ServiceCollection().AddDeadLetterStores(configuration).BuildServiceProvider();
        _client = new BlobServiceClient(azurite.ConnectionString);
    }

    protected override IQuarantineStore Quarantine => _services.GetRequiredService<IQuarantineStore>();

    protected override IParkedBatchStore ParkedBatches => _services.GetRequiredService<IParkedBatchStore>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _client.GetBlobContainerClient(_quarantine).DeleteIfExistsAsync();
        await _client.GetBlobContainerClient(_parked).DeleteIfExistsAsync();
        await _services.DisposeAsync();
    }

    protected override Task<IReadOnlyList<(string Name, byte[] Content)>> ReadQuarantineAsync() => ReadAsync(_quarantine);

    protected override Task<IReadOnlyList<(string Name, byte[] Content)>> ReadParkedAsync() => ReadAsync(_parked);

    [Fact]
    public async Task WriteAsync_ContainerMissing_CreatedOnFirstWrite()
    {
        Assert.False(await _client.GetBlobContainerClient(_quarantine).ExistsAsync(TestContext.Current.CancellationToken));

        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);

        Assert.True(await _client.GetBlobContainerClient(_quarantine).ExistsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_Blob_HasJsonLinesContentType()
    {
        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);

        var blob = _client.GetBlobContainerClient(_quarantine).GetBlobClient("clickstream/2026/11/20/clickstream-p3-s100-104.jsonl");
        var properties = await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("application/x-ndjson", properties.Value.ContentType);
    }

    private async Task<IReadOnlyList<(string Name, byte[] Content)>> ReadAsync(string containerName)
    {
        var container = _client.GetBlobContainerClient(containerName);
        var result = new List<(string, byte[])>();
        if (!await container.ExistsAsync())
        {
            return result;
        }

        await foreach (var item in container.GetBlobsAsync())
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
            result.Add((item.Name, content.Value.Content.ToArray()));
        }

        return result;
    }
}
