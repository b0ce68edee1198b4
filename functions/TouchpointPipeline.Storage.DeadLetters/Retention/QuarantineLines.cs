using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// The lines of a quarantine record (JSON Lines) as erasure sees them: a line names a data subject when any of its
/// string values (decoded, and decrypted with <see cref="DeadLetterCipher"/>) is one of the identifiers or holds it as a
/// whole JSON string value (the event body is kept as a string), case-insensitively. Shared by the folder and blob
/// erasers so both match alike.
/// </summary>
internal sealed class QuarantineLines(DeadLetterCipher cipher)
{
    /// <summary>The matching lines, decrypted (xEncrypted → x), for an export.</summary>
    public IEnumerable<string> Find(string content, IReadOnlyCollection<string> identifiers) =>
        Lines(content).Where(l => Matches(l, identifiers)).Select(Decrypted);

    /// <summary>The content without the matching lines, or null when no line matched.</summary>
    public string? Without(string content, IReadOnlyCollection<string> identifiers)
    {
        var lines = Lines(content).ToList();
        var kept = lines.Where(l => !Matches(l, identifiers)).ToList();
        return kept.Count == lines.Count ? null : string.Concat(kept.Select(l => l + "\n"));
    }

    private static IEnumerable<string> Lines(string content) => content.Split('\n').Where(l => l.Length > 0);

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

    // The writer escapes quotes inside strings (\u0022), so the record is decoded (and decrypted) before matching.
    private bool Matches(string line, IReadOnlyCollection<string> identifiers)
    {
        try
        {
            using var document = JsonDocument.Parse(Decrypted(line));
            return Strings(document.RootElement).Any(value => identifiers.Any(i =>
                i.Length > 0
                && (string.Equals(value, i, StringComparison.OrdinalIgnoreCase) || value.Contains("\"" + i + "\"", StringComparison.OrdinalIgnoreCase))));
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
