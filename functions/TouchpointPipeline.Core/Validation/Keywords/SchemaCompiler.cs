using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// Compiles the schema files into <see cref="SchemaNode"/> trees. Supports exactly the draft-07 subset the validator
/// implements and fails on any other keyword, so a schema can never rely on a rule the pipeline silently ignores.
/// Instance paths are fixed by the schema's shape (no arrays, no recursion), so every error is built here, once.
/// </summary>
internal sealed class SchemaCompiler
{
    public const string EnvelopeFileName = "touchpoint-envelope.schema.json";
    public const string FileSuffix = ".schema.json";

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    // Annotations with no validation meaning, and our own examples.
    private static readonly HashSet<string> IgnoredKeywords =
        ["$schema", "$id", "$comment", "title", "description", "examples", "x-invalid-examples"];

    private readonly Dictionary<string, JsonElement> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, string Path), SchemaNode> _compiledFiles = [];
    private readonly HashSet<string> _filesInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);

    public SchemaCompiler(IReadOnlyDictionary<string, string> schemaFilesByName)
    {
        foreach (var (name, text) in schemaFilesByName)
        {
            if (!name.EndsWith(FileSuffix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Schema file '{name}': names must end with '{FileSuffix}'.");
            }

            try
            {
                using var document = JsonDocument.Parse(text ?? string.Empty);
                _files[name] = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"Schema file '{name}' is not valid JSON: {ex.Message}", ex);
            }
        }

        if (!_files.ContainsKey(EnvelopeFileName))
        {
            throw new InvalidOperationException($"Schema file '{EnvelopeFileName}' is missing.");
        }
    }

    public SchemaNode CompileEnvelope() => CompileFile(EnvelopeFileName, path: "");

    public List<CompiledEventSchema> CompileEventTypes()
    {
        var types = new List<CompiledEventSchema>();
        foreach (var name in _files.Keys.Where(n => n != EnvelopeFileName).Order(StringComparer.Ordinal))
        {
            var type = name[..^FileSuffix.Length];
            RequirePinnedType(name, type);
            types.Add(new CompiledEventSchema(type, CompileFile(name, path: "")));
        }

        return types;
    }

    private SchemaNode CompileFile(string file, string path)
    {
        if (_compiledFiles.TryGetValue((file, path), out var compiled))
        {
            return compiled;
        }

        if (!_filesInProgress.Add(file))
        {
            throw Fail(file, "#", "$ref", "references form a cycle");
        }

        compiled = Compile(file, _files[file], "#", path);
        _filesInProgress.Remove(file);
        _compiledFiles[(file, path)] = compiled;
        return compiled;
    }

    private SchemaNode Compile(string file, JsonElement schema, string pointer, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Fail(file, pointer, "(schema)", "a schema must be a JSON object; boolean schemas are not supported");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!seen.Add(keyword.Name))
            {
                throw Fail(file, pointer, keyword.Name, "the keyword appears twice");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return CompileReference(file, schema, reference, pointer, path);
        }

        var field = FieldName(path);
        var keywords = new List<ISchemaKeyword>();
        JsonElement? properties = null, required = null, additional = null, minLength = null, maxLength = null;
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case var ignored when IgnoredKeywords.Contains(ignored):
                    break;
                case "type":
                    keywords.Insert(0, CompileType(file, pointer, value, field));
                    break;
                case "enum":
                    keywords.Add(CompileEnum(file, pointer, value, field));
                    break;
                case "const":
                    var constant = new JsonLiteral(value);
                    keywords.Add(new EnumKeyword([constant], new(field, "const", $"{field} must be {constant.Text}")));
                    break;
                case "minLength":
                    minLength = value;
                    break;
                case "maxLength":
                    maxLength = value;
                    break;
                case "pattern":
                    keywords.Add(CompilePattern(file, pointer, value, field));
                    break;
                case "format":
                    if (value.ValueKind != JsonValueKind.String || value.GetString() != "date-time")
                    {
                        throw Fail(file, pointer, "format", "only \"date-time\" is supported");
                    }

                    keywords.Add(new DateTimeFormatKeyword(new(field, "format",
                        $"{field} must be an RFC 3339 date-time with upper-case T and Z or an offset, such as 2025-03-14T09:26:53.589Z")));
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                    keywords.Add(CompileRange(file, pointer, keyword.Name, value, field));
                    break;
                case "properties":
                    properties = value;
                    break;
                case "required":
                    required = value;
                    break;
                case "additionalProperties":
                    additional = value;
                    break;
                case "allOf":
                    keywords.Add(new AllOfKeyword(CompileBranches(file, pointer, "allOf", value, path)));
                    break;
                case "anyOf":
                    keywords.Add(CompileAnyOf(file, pointer, value, path));
                    break;
                default:
                    throw Fail(file, pointer, keyword.Name, "the validator does not support this keyword");
            }
        }

        if (minLength is not null || maxLength is not null)
        {
            keywords.Add(CompileLength(file, pointer, minLength, maxLength, field));
        }

        if (properties is not null || additional is not null)
        {
            keywords.Add(CompileProperties(file, pointer, properties, required, additional, path));
        }
        else if (required is not null)
        {
            keywords.Add(new RequiredKeyword(CompileProperties(file, pointer, null, required, null, path).Rules));
        }

        return keywords.Count == 0 ? SchemaNode.Empty : new SchemaNode([.. keywords]);
    }

    private SchemaNode CompileReference(string file, JsonElement schema, JsonElement reference, string pointer, string path)
    {
        // In draft-07 the siblings of $ref are ignored; refusing them keeps both validators reading the same rules.
        foreach (var keyword in schema.EnumerateObject())
        {
            if (keyword.Name != "$ref" && !IgnoredKeywords.Contains(keyword.Name))
            {
                throw Fail(file, pointer, keyword.Name, "keywords next to $ref are ignored by draft-07; move them out");
            }
        }

        var target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : string.Empty;
        if (target.StartsWith("./", StringComparison.Ordinal))
        {
            target = target[2..];
        }

        if (!_files.ContainsKey(target))
        {
            throw Fail(file, pointer, "$ref", $"'{target}' is not a schema file (only whole-file references are supported)");
        }

        return CompileFile(target, path);
    }

    private static TypeKeyword CompileType(string file, string pointer, JsonElement value, string field)
    {
        var names = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.GetArrayLength() > 0 && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
                => value.EnumerateArray().Select(t => t.GetString()!).ToArray(),
            _ => throw Fail(file, pointer, "type", "must be a type name or a non-empty array of them"),
        };

        var allowed = JsonTypes.None;
        foreach (var name in names)
        {
            allowed |= name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "integer" => JsonTypes.Integer,
                "string" => JsonTypes.String,
                _ => throw Fail(file, pointer, "type", $"'{name}' is not a JSON Schema type"),
            };
        }

        var described = string.Join(" or ", names.Select(n => n switch
        {
            "null" => "null",
            "integer" => "an integer",
            "object" => "an object",
            "array" => "an array",
            _ => "a " + n,
        }));
        var subject = field == "$" ? "the event" : field;
        return new TypeKeyword(allowed, new(field, "type", $"{subject} must be {described}"));
    }

    private static EnumKeyword CompileEnum(string file, string pointer, JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Fail(file, pointer, "enum", "must be a non-empty array");
        }

        var literals = value.EnumerateArray().Select(v => new JsonLiteral(v)).ToArray();
        var message = literals.Length == 1
            ? $"{field} must be {literals[0].Text}"
            : $"{field} must be one of: {string.Join(", ", literals.Select(l => l.Text))}";
        return new EnumKeyword(literals, new(field, "enum", message));
    }

    private static StringLengthKeyword CompileLength(string file, string pointer, JsonElement? minLength, JsonElement? maxLength, string field)
    {
        var min = minLength is { } minValue ? ReadCount(file, pointer, "minLength", minValue) : 0;
        var max = maxLength is { } maxValue ? ReadCount(file, pointer, "maxLength", maxValue) : int.MaxValue;
        var rule = maxLength is not null && minLength is null ? "maxLength" : "minLength";
        return new StringLengthKeyword(
            min,
            max,
            new(field, "minLength", min == 1 ? $"{field} must not be empty" : $"{field} must be at least {min} characters long"),
            new(field, "maxLength", $"{field} must be at most {max} characters long"),
            new(field, rule, $"{field} is not valid Unicode text (it has an unpaired surrogate)"));
    }

    private PatternKeyword CompilePattern(string file, string pointer, JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail(file, pointer, "pattern", "must be a string");
        }

        var pattern = value.GetString()!;
        if (!_regexes.TryGetValue(pattern, out var regex))
        {
            try
            {
                regex = new Regex(ToDotNetPattern(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                throw Fail(file, pointer, "pattern", $"not a valid regular expression: {ex.Message}");
            }

            _regexes[pattern] = regex;
        }

        return new PatternKeyword(
            regex,
            new(field, "pattern", $"{field} must match the pattern {pattern}"),
            new(field, "pattern", $"{field} is not valid Unicode text (it has an unpaired surrogate)"));
    }

    /// <summary>
    /// In ECMA-262 (JSON Schema's regex dialect) a final <c>$</c> is the end of input; in .NET it also matches before a
    /// final newline, which would let <c>"evt-1\n"</c> through an anchored id pattern. Rewrite it to <c>\z</c>.
    /// </summary>
    private static string ToDotNetPattern(string pattern)
    {
        if (!pattern.EndsWith('$'))
        {
            return pattern;
        }

        var backslashes = 0;
        for (var i = pattern.Length - 2; i >= 0 && pattern[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0 ? pattern[..^1] + @"\z" : pattern;
    }

    private static NumberRangeKeyword CompileRange(string file, string pointer, string keyword, JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Fail(file, pointer, keyword, "must be a number (draft-07)");
        }

        var (bound, symbol) = keyword switch
        {
            "minimum" => (NumberBound.Minimum, "≥"),
            "maximum" => (NumberBound.Maximum, "≤"),
            "exclusiveMinimum" => (NumberBound.ExclusiveMinimum, ">"),
            _ => (NumberBound.ExclusiveMaximum, "<"),
        };
        var limit = JsonNumber.ToDouble(value);
        return new NumberRangeKeyword(limit, bound, new(field, keyword, $"{field} must be {symbol} {value.GetRawText()}"));
    }

    private PropertiesKeyword CompileProperties(
        string file, string pointer, JsonElement? properties, JsonElement? required, JsonElement? additional, string path)
    {
        var allowAdditional = true;
        if (additional is { } additionalValue)
        {
            allowAdditional = additionalValue.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail(file, pointer, "additionalProperties", "only true or false is supported"),
            };
        }

        var requiredNames = new List<string>();
        if (required is { } requiredValue)
        {
            if (requiredValue.ValueKind != JsonValueKind.Array
                || requiredValue.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
            {
                throw Fail(file, pointer, "required", "must be an array of property names");
            }

            requiredNames.AddRange(requiredValue.EnumerateArray().Select(n => n.GetString()!).Distinct(StringComparer.Ordinal));
            if (requiredNames.Count > 64)
            {
                throw Fail(file, pointer, "required", "at most 64 names are supported");
            }
        }

        var schemas = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        var order = new List<string>();
        if (properties is { } propertiesValue)
        {
            if (propertiesValue.ValueKind != JsonValueKind.Object)
            {
                throw Fail(file, pointer, "properties", "must be an object");
            }

            foreach (var property in propertiesValue.EnumerateObject())
            {
                schemas[property.Name] = Compile(file, property.Value, $"{pointer}/properties/{property.Name}", Child(path, property.Name));
                order.Add(property.Name);
            }
        }

        order.AddRange(requiredNames.Where(n => !schemas.ContainsKey(n)));
        var rules = order.Select(name =>
        {
            var index = requiredNames.IndexOf(name);
            var childField = Child(path, name);
            return new PropertyRule(
                Encoding.UTF8.GetBytes(name),
                schemas.GetValueOrDefault(name),
                index < 0 ? 0 : 1UL << index,
                index < 0 ? null : new ValidationError(childField, "required", $"{childField} is required"));
        }).ToArray();
        return new PropertiesKeyword(rules, allowAdditional, path.Length == 0 ? string.Empty : path + ".");
    }

    private SchemaNode[] CompileBranches(string file, string pointer, string keyword, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Fail(file, pointer, keyword, "must be a non-empty array of schemas");
        }

        return value.EnumerateArray().Select((branch, i) => Compile(file, branch, $"{pointer}/{keyword}/{i}", path)).ToArray();
    }

    private AnyOfKeyword CompileAnyOf(string file, string pointer, JsonElement value, string path)
    {
        var branches = CompileBranches(file, pointer, "anyOf", value, path);

        // The usual use is "at least one of these properties"; say so in those words.
        var alternatives = value.EnumerateArray()
            .Select(b => b.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                && b.EnumerateObject().All(k => k.Name == "required" || IgnoredKeywords.Contains(k.Name))
                ? string.Join(" and ", r.EnumerateArray().Select(n => n.GetString()))
                : null)
            .ToList();
        var field = FieldName(path);
        var subject = path.Length == 0 ? "the event" : field;
        var message = alternatives.All(a => !string.IsNullOrEmpty(a))
            ? $"{subject} must have at least one of: {string.Join(", ", alternatives)}"
            : $"{subject} must match at least one of the anyOf alternatives";
        return new AnyOfKeyword(branches, new(field, "anyOf", message));
    }

    private void RequirePinnedType(string file, string type)
    {
        // A type schema must pin its own type, so the file validates that on its own (in any draft-07 validator).
        var schema = _files[file];
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("type", out var typeSchema) && typeSchema.ValueKind == JsonValueKind.Object
            && ((typeSchema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                    && values.GetArrayLength() == 1 && values[0].ValueKind == JsonValueKind.String && values[0].GetString() == type)
                || (typeSchema.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String
                    && constant.GetString() == type)))
        {
            return;
        }

        throw Fail(file, "#/properties/type", "enum", $"a type schema must pin its type: \"enum\": [\"{type}\"]");
    }

    private static int ReadCount(string file, string pointer, string keyword, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Fail(file, pointer, keyword, "must be a non-negative integer");

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string FieldName(string path) => path.Length == 0 ? "$" : path;

    private static InvalidOperationException Fail(string file, string pointer, string keyword, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Schema file '{file}' at {pointer}: keyword '{keyword}': {reason}."));
}
