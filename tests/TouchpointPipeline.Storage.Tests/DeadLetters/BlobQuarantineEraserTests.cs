using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Storage.DeadLetters;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>Erasure in the quarantine container against a real Azurite: the person's line goes, the rest of the record stays.</summary>
public sealed class BlobQuarantineEraserTests : IAsyncLifetime
{
    private readonly ServiceProvider _services;
    private readonly BlobServiceClient _client;
    private readonly string _quarantine = "q" + Guid.NewGuid().ToString("N")[..20];

    public BlobQuarantineEraserTests(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DeadLetterStorage"] = azurite.ConnectionString,
            ["DeadLetterStorage:QuarantineContainer"] = _quarantine,
        }).Build();
        _services = new ServiceCollection().AddDeadLetterStores(configuration).BuildServiceProvider();
        _client = new BlobServiceClient(azurite.ConnectionString);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EraseAsync_QuarantinedEventOfThePerson_LineRemovedRecordKept()
    {
        await _services.GetRequiredService<IQuarantineStore>().WriteAsync(DeadLetterSamples.Batch(), Ct);
        var eraser = _services.GetRequiredService<IDeadLetterEraser>();

        var found = await eraser.FindAsync(["CUST-1"], Ct);
        var changed = await eraser.EraseAsync(["cust-1"], Ct);
        var again = await eraser.EraseAsync(["cust-1"], Ct);
        var blob = await _client.GetBlobContainerClient(_quarantine).GetBlobsAsync(cancellationToken: Ct).SingleAsync(Ct);
        var content = (await _client.GetBlobContainerClient(_quarantine).GetBlobClient(blob.Name).DownloadContentAsync(Ct)).Value.Content.ToString();

        Assert.Equal("quarantine", Assert.Single(found).Store);
        Assert.Equal(1, changed);
        Assert.Equal(0, again);
        Assert.Empty(await eraser.FindAsync(["cust-1"], Ct));
        Assert.DoesNotContain("cust-1", content, StringComparison.Ordinal);
        Assert.Single(content.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _client.GetBlobContainerClient(_quarantine).DeleteIfExistsAsync();
        await _services.DisposeAsync();
    }
}
