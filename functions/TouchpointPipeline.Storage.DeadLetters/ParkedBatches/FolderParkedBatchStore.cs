using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters.ParkedBatches;

/// <summary>The embedded default: <c>&lt;DataPath&gt;/parked/{function}/{batchId}.json</c>.</summary>
internal sealed class FolderParkedBatchStore(IOptions<DeadLetterStorageOptions> options, DeadLetterCipher cipher) : IParkedBatchStore
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "parked");

    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        LocalFolderFiles.WriteOnceAsync(_root, DeadLetterRecords.ParkedName(batch), DeadLetterRecords.Parked(batch, cipher), cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(!Directory.Exists(_root)
            ? []
            : Directory.EnumerateFiles(_root, "*" + ParkedBatchRecords.Extension, SearchOption.AllDirectories)
                .Select(f => ParkedBatchRecords.NameOf(Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/')))
                .Order(StringComparer.Ordinal)
                .ToList());

    public async Task<ParkedBatch?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        return path is null || !File.Exists(path) ? null : ParkedBatchRecords.Read(await File.ReadAllBytesAsync(path, cancellationToken), cipher);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (PathOf(name) is { } path)
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string? PathOf(string name) => ParkedBatchRecords.PathOf(name) is { } relative ? Path.Combine(_root, relative) : null;
}
