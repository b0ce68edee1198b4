using System.Text.Json;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

public sealed class SchemaCoverageTests
{
    private static IEnumerable<string> TypeFiles() => SchemaFiles.Names().Where(n => n != SchemaFiles.Envelope);

    [Fact]
    public void EventTypes_All_EachHasASchemaFile()
    {
        var files = TypeFiles().ToHashSet();

        var missing = EventTypes.All.Where(t => !files.Contains($"{t}.schema.json"));

        Assert.Empty(missing);
    }

    [Fact]
    public void SchemaFiles_EachType_IsInEventTypesAll()
    {
        var types = TypeFiles().Select(f => f[..^".schema.json".Length]);

        var unknown = types.Where(t => !EventTypes.All.Contains(t));

        Assert.Empty(unknown);
    }

    [Fact]
    public void LoadEmbedded_Always_KnowsExactlyEventTypesAll()
    {
        var validator = SchemaValidator.LoadEmbedded();

        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), validator.KnownTypes);
    }

    [Fact]
    public void SchemaFiles_Each_HasAtLeastTwoValidAndTwoInvalidExamples()
    {
        var valid = SchemaFiles.ValidExamples().GroupBy(e => e.File).ToDictionary(g => g.Key, g => g.Count());
        var invalid = SchemaFiles.InvalidExamples().GroupBy(e => e.File).ToDictionary(g => g.Key, g => g.Count());

        var short_ = SchemaFiles.Names().Where(f => valid.GetValueOrDefault(f) < 2 || invalid.GetValueOrDefault(f) < 2);

        Assert.Empty(short_);
    }

    [Fact]
    public void SchemaFiles_EveryProperty_HasADescription()
    {
        var undocumented = new List<string>();

        foreach (var file in SchemaFiles.Names())
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFiles.Directory, file)));
            CollectUndocumented(file, "#", document.RootElement, undocumented);
        }

        Assert.Empty(undocumented);
    }

    private static void CollectUndocumented(string file, string pointer, JsonElement schema, List<string> undocumented)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = $"{pointer}/properties/{property.Name}";
            if (!property.Value.TryGetProperty("description", out var description) || description.GetString() is not { Length: > 0 })
            {
                undocumented.Add($"{file} {path}");
            }

            CollectUndocumented(file, path, property.Value, undocumented);
        }
    }
}
