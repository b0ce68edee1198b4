using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.Quarantine;

/// <summary>Container <c>quarantine</c>: <c>{hub}/{yyyy}/{MM}/{dd}/{batchId}.jsonl</c>, one JSON line per event.</summary>
internal sealed class BlobQuarantineStore(BlobContainerWriter writer, DeadLetterCipher cipher) : IQuarantineStore
{
    public Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken) =>
        writer.WriteOnceAsync(DeadLetterRecords.QuarantineName(batch), DeadLetterRecords.Quarantine(batch, cipher), "application/x-ndjson", cancellationToken);
}
