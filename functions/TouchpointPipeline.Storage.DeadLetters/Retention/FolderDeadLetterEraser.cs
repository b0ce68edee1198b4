using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// Finds a data subject in the local quarantine folder: a record matches when any of its string values (decoded) is an
/// identifier, or holds it as a whole JSON string value (the event body is kept as a string), case-insensitively. Erasure drops the matching lines (a file left empty is
/// deleted; the rest is rewritten atomically). Parked batches are host payloads: the function app erases them
/// (<c>ParkedBatchEraser</c>), through <see cref="TouchpointPipeline.Core.DeadLetters.IParkedBatchStore"/>.
/// </summary>
internal sealed class FolderDeadLetterEraser(IOptions<DeadLetterStorageOptions> options, DeadLetterCipher cipher) : IDeadLetterEraser
{
    private readonly string _quarantine = Path.Combine(options.Value.DataPath, "quarantine");

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
                    found.Add(new DeadLetterRecord("quarantine", Name(_quarantine, file), Decrypted(line)));
                }
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

    // An encrypted record is exported with its values decrypted (xEncrypted → x).
    private string Decrypted(string line)
    {
        if (!cipher.Enabled || JsonNode.Parse(line) is not JsonObject record)
        {
            return line;
        }

        foreach (var name in record.Select(p => p.Key).Where(k => k.EndsWith("Encrypted", StringComparison.Ordinal)).ToList())
        {
            var value = record[name] is JsonValue v && v.TryGetValue<string>(out var text) ? Encoding.UTF8.GetString(cipher.Open(text)) : null;
            record.Remove(name);
            record[name[..^"Encrypted".Length]] = value;
        }

        return record.ToJsonString();
    }

    private static string[] Patterns(IReadOnlyCollection<string> identifiers) =>
        identifiers.Where(i => !string.IsNullOrEmpty(i)).ToArray();

    // The writer escapes quotes inside strings (\u0022), so the record is decoded (and decrypted) before matching.
    private bool Matches(string line, string[] identifiers)
    {
        try
        {
            using var document = JsonDocument.Parse(Decrypted(line));
            return Strings(document.RootElement).Any(value => identifiers.Any(i =>
                string.Equals(value, i, StringComparison.OrdinalIgnoreCase)
                || value.Contains("\"" + i + "\"", StringComparison.OrdinalIgnoreCase)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
