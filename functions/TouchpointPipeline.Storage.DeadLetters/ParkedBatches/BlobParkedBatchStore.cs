using Azure;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.ParkedBatches;

/// <summary>Container <c>parked</c>: <c>{function}/{batchId}.json</c> holding the exact host request.</summary>
internal sealed class BlobParkedBatchStore(BlobContainerWriter writer, DeadLetterCipher cipher) : IParkedBatchStore
{
    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        writer.WriteOnceAsync(DeadLetterRecords.ParkedName(batch), DeadLetterRecords.Parked(batch, cipher), "application/json", cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in writer.Container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Name.EndsWith(ParkedBatchRecords.Extension, StringComparison.Ordinal))
                {
                    names.Add(ParkedBatchRecords.NameOf(blob.Name));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever parked.
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<ParkedBatch?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (ParkedBatchRecords.PathOf(name) is not { } path)
        {
            return null;
        }

        try
        {
            var content = await writer.Container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return ParkedBatchRecords.Read(content.Value.Content.ToMemory().Span, cipher);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (ParkedBatchRecords.PathOf(name) is { } path)
        {
            await writer.Container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
