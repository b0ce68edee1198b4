using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.Quarantine;

/// <summary>The embedded default: <c>&lt;DataPath&gt;/quarantine/{hub}/{yyyy}/{MM}/{dd}/{batchId}.jsonl</c>.</summary>
internal sealed class FolderQuarantineStore(IOptions<DeadLetterStorageOptions> options, DeadLetterCipher cipher) : IQuarantineStore
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "quarantine");

    public Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken) =>
        LocalFolderFiles.WriteOnceAsync(_root, DeadLetterRecords.QuarantineName(batch), DeadLetterRecords.Quarantine(batch, cipher), cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(!Directory.Exists(_root)
            ? []
            : Directory.EnumerateFiles(_root, "*" + QuarantineRecords.Extension, SearchOption.AllDirectories)
                .Select(f => QuarantineRecords.NameOf(Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/')))
                .Order(StringComparer.Ordinal)
                .ToList());

    public async Task<QuarantineBatch?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (QuarantineRecords.PathOf(name) is not { } relative || !File.Exists(Path.Combine(_root, relative)))
        {
            return null;
        }

        try
        {
            return QuarantineRecords.Read(name, await File.ReadAllBytesAsync(Path.Combine(_root, relative), cancellationToken), cipher);
        }
        catch (FileNotFoundException)
        {
            // Replaced away by a concurrent replay.
            return null;
        }
    }

    public async Task ReplaceAsync(string name, QuarantineBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (QuarantineRecords.PathOf(name) is { } relative)
        {
            await LocalFolderFiles.ReplaceAsync(_root, relative, batch.Events.Count == 0 ? [] : DeadLetterRecords.Quarantine(batch, cipher), cancellationToken);
        }
    }
}
