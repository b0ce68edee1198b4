using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// Write-once blobs in one container: upload with If-None-Match: * and treat "already exists" as done, so a
/// redelivered batch never duplicates or rewrites its record. The container is created on first need only (in Azure
/// Bicep creates it and the identity may lack the right to).
/// </summary>
internal sealed class BlobContainerWriter(BlobContainerClient container)
{
    private volatile bool _containerKnown;

    /// <summary>The container, for the readers (replay lists, reads and deletes parked batches).</summary>
    public BlobContainerClient Container => container;

    public async Task WriteOnceAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobAlreadyExists || ex.Status == 409 && ex.ErrorCode != BlobErrorCode.ContainerNotFound)
        {
            // Written by an earlier delivery of the same batch.
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound && !_containerKnown)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerKnown = true;
            await WriteOnceAsync(name, content, contentType, cancellationToken);
        }
    }
}
