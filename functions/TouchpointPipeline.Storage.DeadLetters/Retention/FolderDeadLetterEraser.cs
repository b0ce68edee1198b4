using System.Text;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// Finds a data subject in the local dead-letter folders by an identifier as a whole JSON string value (quoted, or
/// quoted inside the escaped body), case-insensitively. Erasure drops the matching quarantine lines (a file left empty
/// is deleted; the rest is rewritten atomically). Parked batches are whole host payloads that replay byte for byte, so
/// they are found (export) but not rewritten: a replay drops the person's events through the tombstones, and
/// <see cref="RetentionOptions.ParkedDays"/> removes them.
/// </summary>
internal sealed class FolderDeadLetterEraser(IOptions<DeadLetterStorageOptions> options) : IDeadLetterEraser
{
    private readonly string _quarantine = Path.Combine(options.Value.DataPath, "quarantine");
    private readonly string _parked = Path.Combine(options.Value.DataPath, "parked");

    public async Task<IReadOnlyList<DeadLetterRecord>> FindAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var patterns = Patterns(identifiers);
        var found = new List<DeadLetterRecord>();
        foreach (var file in Files(_quarantine))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                if (Matches(line, patterns))
                {
                    found.Add(new DeadLetterRecord("quarantine", Name(_quarantine, file), line));
                }
            }
        }

        foreach (var file in Files(_parked))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            if (Matches(text, patterns))
            {
                found.Add(new DeadLetterRecord("parked", Name(_parked, file), text));
            }
        }

        return found;
    }

    public async Task<int> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var patterns = Patterns(identifiers);
        var changed = 0;
        foreach (var file in Files(_quarantine))
        {
            var lines = await File.ReadAllLinesAsync(file, cancellationToken);
            var kept = lines.Where(l => l.Length > 0 && !Matches(l, patterns)).ToList();
            if (kept.Count == lines.Count(l => l.Length > 0))
            {
                continue;
            }

            changed++;
            if (kept.Count == 0)
            {
                File.Delete(file);
                continue;
            }

            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllTextAsync(temp, string.Concat(kept.Select(l => l + "\n")), new UTF8Encoding(false), cancellationToken);
            File.Move(temp, file, overwrite: true);
        }

        return changed;
    }

    private static List<string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];

    private static string Name(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');

    // "id" as a JSON value, and \"id\" inside a body kept as an escaped JSON string.
    private static string[] Patterns(IReadOnlyCollection<string> identifiers) =>
        identifiers.Where(i => !string.IsNullOrEmpty(i)).SelectMany(i => new[] { "\"" + i + "\"", "\\\"" + i + "\\\"" }).ToArray();

    private static bool Matches(string text, string[] patterns) =>
        patterns.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
}
