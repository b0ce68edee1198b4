using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.ParkedBatches;

/// <summary>Container <c>parked</c>: <c>{function}/{batchId}.json</c> holding the exact host request.</summary>
internal sealed class BlobParkedBatchStore(BlobContainerWriter writer) : IParkedBatchStore
{
    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        writer.WriteOnceAsync(DeadLetterRecords.ParkedName(batch), DeadLetterRecords.Parked(batch), "application/json", cancellationToken);
}
