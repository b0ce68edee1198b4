using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.Quarantine;

/// <summary>The embedded default: <c>&lt;DataPath&gt;/quarantine/{hub}/{yyyy}/{MM}/{dd}/{batchId}.jsonl</c>.</summary>
internal sealed class FolderQuarantineStore(IOptions<DeadLetterStorageOptions> options, DeadLetterCipher cipher) : IQuarantineStore
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "quarantine");

    public Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken) =>
        LocalFolderFiles.WriteOnceAsync(_root, DeadLetterRecords.QuarantineName(batch), DeadLetterRecords.Quarantine(batch, cipher), cancellationToken);
}
