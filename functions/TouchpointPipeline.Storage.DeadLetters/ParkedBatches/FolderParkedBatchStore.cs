using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.ParkedBatches;

/// <summary>The embedded default: <c>&lt;DataPath&gt;/parked/{function}/{batchId}.json</c>.</summary>
internal sealed class FolderParkedBatchStore(IOptions<DeadLetterStorageOptions> options) : IParkedBatchStore
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "parked");

    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        LocalFolderFiles.WriteOnceAsync(_root, DeadLetterRecords.ParkedName(batch), DeadLetterRecords.Parked(batch), cancellationToken);
}
