using Azure;
using Azure.Storage.Blobs.Models;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// A data subject in the quarantine container (<see cref="QuarantineLines"/> decides what matches): every record is read
/// (the container holds at most <c>Retention:QuarantineDays</c> of them); erasure overwrites a record without the
/// matching lines, or deletes it when none is left. Parked batches: see <c>ParkedBatchEraser</c> in the function app.
/// </summary>
internal sealed class BlobQuarantineEraser(BlobContainerWriter quarantine, DeadLetterCipher cipher) : IDeadLetterEraser
{
    private readonly QuarantineLines _lines = new(cipher);

    public async Task<IReadOnlyList<DeadLetterRecord>> FindAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var found = new List<DeadLetterRecord>();
        foreach (var (name, content) in await ReadAllAsync(cancellationToken))
        {
            found.AddRange(_lines.Find(content, identifiers).Select(l => new DeadLetterRecord("quarantine", name, l)));
        }

        return found;
    }

    public async Task<int> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (name, content) in await ReadAllAsync(cancellationToken))
        {
            if (_lines.Without(content, identifiers) is not { } kept)
            {
                continue;
            }

            changed++;
            var blob = quarantine.Container.GetBlobClient(name);
            if (kept.Length == 0)
            {
                await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            }
            else
            {
                await blob.UploadAsync(BinaryData.FromString(kept), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken);
            }
        }

        return changed;
    }

    private async Task<List<(string Name, string Content)>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<(string, string)>();
        try
        {
            await foreach (var item in quarantine.Container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                var content = await quarantine.Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                records.Add((item.Name, content.Value.Content.ToString()));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever quarantined.
        }

        return records;
    }
}
