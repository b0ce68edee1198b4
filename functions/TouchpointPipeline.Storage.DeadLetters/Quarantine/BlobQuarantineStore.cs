using Azure;
using Azure.Storage.Blobs.Models;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.Quarantine;

/// <summary>Container <c>quarantine</c>: <c>{hub}/{yyyy}/{MM}/{dd}/{batchId}.jsonl</c>, one JSON line per event.</summary>
internal sealed class BlobQuarantineStore(BlobContainerWriter writer, DeadLetterCipher cipher) : IQuarantineStore
{
    public Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken) =>
        writer.WriteOnceAsync(DeadLetterRecords.QuarantineName(batch), DeadLetterRecords.Quarantine(batch, cipher), "application/x-ndjson", cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in writer.Container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Name.EndsWith(QuarantineRecords.Extension, StringComparison.Ordinal))
                {
                    names.Add(QuarantineRecords.NameOf(blob.Name));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever quarantined.
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<QuarantineBatch?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (QuarantineRecords.PathOf(name) is not { } path)
        {
            return null;
        }

        try
        {
            var content = await writer.Container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return QuarantineRecords.Read(name, content.Value.Content.ToMemory().Span, cipher);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task ReplaceAsync(string name, QuarantineBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (QuarantineRecords.PathOf(name) is not { } path)
        {
            return;
        }

        var blob = writer.Container.GetBlobClient(path);
        if (batch.Events.Count == 0)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        // One upload replaces the whole blob atomically: a reader sees the old record or the new one, never a mix.
        await blob.UploadAsync(
            BinaryData.FromBytes(DeadLetterRecords.Quarantine(batch, cipher)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } },
            cancellationToken);
    }
}
