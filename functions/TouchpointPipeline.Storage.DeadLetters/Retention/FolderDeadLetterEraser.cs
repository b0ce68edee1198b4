using System.Text;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// A data subject in the local quarantine folder (<see cref="QuarantineLines"/> decides what matches). Erasure drops the
/// matching lines: a file left empty is deleted, the rest is rewritten atomically. Parked batches are host payloads:
/// the function app erases them (<c>ParkedBatchEraser</c>) through <see cref="TouchpointPipeline.Core.DeadLetters.IParkedBatchStore"/>.
/// </summary>
internal sealed class FolderDeadLetterEraser(IOptions<DeadLetterStorageOptions> options, DeadLetterCipher cipher) : IDeadLetterEraser
{
    private readonly string _quarantine = Path.Combine(options.Value.DataPath, "quarantine");
    private readonly QuarantineLines _lines = new(cipher);

    public async Task<IReadOnlyList<DeadLetterRecord>> FindAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var found = new List<DeadLetterRecord>();
        foreach (var file in Files(_quarantine))
        {
            var name = Path.GetRelativePath(_quarantine, file).Replace(Path.DirectorySeparatorChar, '/');
            found.AddRange(_lines.Find(await File.ReadAllTextAsync(file, cancellationToken), identifiers).Select(l => new DeadLetterRecord("quarantine", name, l)));
        }

        return found;
    }

    public async Task<int> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var file in Files(_quarantine))
        {
            if (_lines.Without(await File.ReadAllTextAsync(file, cancellationToken), identifiers) is not { } kept)
            {
                continue;
            }

            changed++;
            if (kept.Length == 0)
            {
                File.Delete(file);
                continue;
            }

            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllTextAsync(temp, kept, new UTF8Encoding(false), cancellationToken);
            File.Move(temp, file, overwrite: true);
        }

        return changed;
    }

    private static List<string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
}
