using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using TouchpointPipeline.Storage.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Triggers.Ingest;

/// <summary>The local Docker-free setup users run with Azurite: quarantine in blob storage via <c>DeadLetterStorage</c>.</summary>
public sealed class IngestWithAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task IngestClickstream_DeadLetterStorageIsAzurite_InvalidEventsInBlobOnceAcrossRedeliveries()
    {
        var container = "quarantine-" + Guid.NewGuid().ToString("N")[..12];
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?>
        {
            ["DeadLetterStorage"] = azurite.ConnectionString,
            ["DeadLetterStorage:QuarantineContainer"] = container,
        });
        var payload = EventHubPayloads.EventHubBatch(
            [TestEvents.Click("az-1", "cust-az"), "{\"broken\":", TestEvents.Click("az-2", "cust-az").Replace("\"x\":120", "\"x\":-1", StringComparison.Ordinal)],
            firstSequenceNumber: 500);

        using var first = await app.InvokeAsync("IngestClickstream", payload);
        using var second = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container);
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        var name = Assert.Single(names);
        Assert.Equal("clickstream/2026/11/20/clickstream-p3-s500-502.jsonl", name);
        var content = (await blobs.GetBlobClient(name).DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString();
        var records = content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["malformed", "invalid"], records.Select(r => r.GetProperty("reason").GetString()));
        Assert.Equal("data.x", records[1].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("minimum", records[1].GetProperty("errors")[0].GetProperty("rule").GetString());
        Assert.Equal(["az-1"], (await app.ReadTimelineAsync("cust-az")).Select(e => e.GetProperty("id").GetString()));
        Assert.Empty(app.ReadQuarantine());
    }
}
