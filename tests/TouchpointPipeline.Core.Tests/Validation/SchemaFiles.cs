using System.Text.Json;

namespace TouchpointPipeline.Core.Tests.Validation;

/// <summary>The schema files as copied next to the tests: what users, SDKs and the reference validator read.</summary>
internal static class SchemaFiles
{
    public const string Envelope = "touchpoint-envelope.schema.json";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "schemas");

    public static IReadOnlyDictionary<string, string> ReadAll() =>
        System.IO.Directory.GetFiles(Directory, "*.json").ToDictionary(p => Path.GetFileName(p), File.ReadAllText);

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.schema.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    public static IEnumerable<SchemaExample> ValidExamples() =>
        Names().SelectMany(file => Entries(file, "examples").Select((entry, i) => new SchemaExample(
            file, i, $"examples[{i}] ({entry.GetProperty("type").GetString()})", entry.GetRawText(), [])));

    public static IEnumerable<SchemaExample> InvalidExamples() =>
        Names().SelectMany(file => Entries(file, "x-invalid-examples").Select((entry, i) => new SchemaExample(
            file,
            i,
            entry.GetProperty("description").GetString()!,
            entry.GetProperty("event").GetRawText(),
            [.. entry.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!))])));

    public static SchemaExample Valid(string file, int index) => ValidExamples().Single(e => e.File == file && e.Index == index);

    public static SchemaExample Invalid(string file, int index) => InvalidExamples().Single(e => e.File == file && e.Index == index);

    private static List<JsonElement> Entries(string file, string keyword)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        return document.RootElement.TryGetProperty(keyword, out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.Clone())]
            : [];
    }
}
