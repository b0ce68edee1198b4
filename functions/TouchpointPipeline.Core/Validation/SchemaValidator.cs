using System.Collections.ObjectModel;
using System.Text.Json;
using TouchpointPipeline.Core.Validation.Keywords;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Validates touchpoint events against the JSON Schemas in <c>/schemas</c>, compiled once at start into a tree of
/// small checks. Implements the draft-07 subset those schemas use (loading fails on any other keyword). Immutable and
/// thread-safe: create one and share it. On a valid event it allocates nothing; it never throws on any input.
/// </summary>
/// <remarks>
/// Decisions the rest of the pipeline relies on: <c>date-time</c> is the strict form of
/// <see cref="Rfc3339Timestamp"/>; string lengths count Unicode code points; <c>integer</c> accepts <c>1.0</c>;
/// <c>null</c> is a value like any other (an optional attribute sent as null fails its <c>type</c>); with duplicate
/// keys every copy is validated; the root of the event is reported as field <c>$</c> (the <c>anyOf</c> of
/// customerid/anonymousid is reported there).
/// </remarks>
public sealed class SchemaValidator
{
    private const string ResourcePrefix = "schemas/";

    private static readonly ValidationError NotAnObject = new("$", "type", "the event must be a JSON object");
    private static readonly ValidationError TypeMissing = new("type", "required", "type is required");

    private readonly SchemaNode _envelope;
    private readonly CompiledEventSchema[] _types;
    private readonly ValidationError _unknownType;

    private SchemaValidator(SchemaNode envelope, CompiledEventSchema[] types)
    {
        _envelope = envelope;
        _types = types;
        KnownTypes = new ReadOnlyCollection<string>([.. types.Select(t => t.Type)]);
        _unknownType = new ValidationError("type", "enum", $"type must be one of: {string.Join(", ", KnownTypes)}");
    }

    /// <summary>The event types with a schema, in ordinal order.</summary>
    public IReadOnlyCollection<string> KnownTypes { get; }

    /// <summary>Compiles the schemas embedded in this assembly (<c>schemas/*.json</c>).</summary>
    /// <exception cref="InvalidOperationException">A schema cannot be compiled; the message names the file and keyword.</exception>
    public static SchemaValidator LoadEmbedded()
    {
        var assembly = typeof(SchemaValidator).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files[resource[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }

        return Load(files);
    }

    /// <summary>Compiles the given schema files (file name → JSON text); names end with <c>.schema.json</c>.</summary>
    /// <exception cref="InvalidOperationException">A schema cannot be compiled; the message names the file and keyword.</exception>
    public static SchemaValidator Load(IReadOnlyDictionary<string, string> schemaFilesByName)
    {
        ArgumentNullException.ThrowIfNull(schemaFilesByName);

        var compiler = new SchemaCompiler(schemaFilesByName);
        var envelope = compiler.CompileEnvelope();
        return new SchemaValidator(envelope, [.. compiler.CompileEventTypes()]);
    }

    /// <summary>
    /// Validates a parsed event (the root JSON value) against the envelope and its type's schema; appends every error
    /// found; returns true when valid. An unknown or missing type is reported on field <c>type</c> (rule <c>enum</c>
    /// or <c>required</c>) after the envelope's own errors.
    /// </summary>
    public bool Validate(JsonElement root, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(NotAnObject);
            return false;
        }

        var hasType = root.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String;
        if (hasType && Find(type) is { } schema)
        {
            return schema.Validate(root, errors);
        }

        var before = errors.Count;
        _envelope.Validate(root, errors);
        if (hasType)
        {
            errors.Add(_unknownType);
        }
        else if (errors.Count == before)
        {
            errors.Add(TypeMissing);
        }

        return false;
    }

    private SchemaNode? Find(JsonElement type)
    {
        Span<byte> scratch = stackalloc byte[128];
        if (!JsonStringText.TryGetUtf8(type, scratch, out var utf8))
        {
            return null;
        }

        foreach (var candidate in _types)
        {
            if (utf8.SequenceEqual(candidate.Utf8Type))
            {
                return candidate.Schema;
            }
        }

        return null;
    }
}
