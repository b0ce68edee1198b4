using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

public sealed class SchemaValidatorLoadTests
{
    private const string Envelope = """
        { "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["type"],
          "properties": { "type": { "description": "t", "type": "string" } } }
        """;

    private static Dictionary<string, string> Files(string typeSchema) => new()
    {
        ["touchpoint-envelope.schema.json"] = Envelope,
        ["demo.event.schema.json"] = typeSchema,
    };

    private static string TypeSchema(string extraKeywords) => $$"""
        { "allOf": [{ "$ref": "touchpoint-envelope.schema.json" }],
          "properties": { "type": { "enum": ["demo.event"] }, "data": { "type": "object" {{extraKeywords}} } } }
        """;

    [Fact]
    public void Load_MinimalValidSchemas_KnowsTheType()
    {
        var validator = SchemaValidator.Load(Files(TypeSchema("")));

        Assert.Equal(["demo.event"], validator.KnownTypes);
    }

    [Theory]
    [InlineData(""", "oneOf": [{ "required": ["a"] }]""", "oneOf")]
    [InlineData(""", "if": { "required": ["a"] }""", "if")]
    [InlineData(""", "items": { "type": "string" }""", "items")]
    [InlineData(""", "default": {}""", "default")]
    [InlineData(""", "format": "email" """, "format")]
    [InlineData(""", "additionalProperties": { "type": "string" }""", "additionalProperties")]
    [InlineData(""", "pattern": "([a-z" """, "pattern")]
    [InlineData(""", "minLength": -1""", "minLength")]
    [InlineData(""", "minimum": "0" """, "minimum")]
    [InlineData(""", "exclusiveMinimum": true""", "exclusiveMinimum")]
    [InlineData(""", "type": "float" """, "type")]
    [InlineData(""", "required": "a" """, "required")]
    public void Load_UnsupportedKeywordOrValue_ThrowsNamingFileAndKeyword(string extraKeywords, string keyword)
    {
        var files = Files(TypeSchema(extraKeywords));

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("demo.event.schema.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{keyword}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("#/properties/data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefToMissingFile_ThrowsNamingTheReference()
    {
        var files = Files(TypeSchema("").Replace("touchpoint-envelope.schema.json", "envelope-v2.schema.json", StringComparison.Ordinal));

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("'$ref'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("envelope-v2.schema.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeywordNextToRef_Throws()
    {
        var files = Files("""{ "allOf": [{ "$ref": "touchpoint-envelope.schema.json", "required": ["x"] }], "properties": { "type": { "enum": ["demo.event"] } } }""");

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("'required'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TypeSchemaNotPinningItsType_Throws()
    {
        var files = Files("""{ "allOf": [{ "$ref": "touchpoint-envelope.schema.json" }], "properties": { "type": { "enum": ["other.event"] } } }""");

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("demo.event.schema.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoEnvelope_Throws()
    {
        var files = new Dictionary<string, string> { ["demo.event.schema.json"] = TypeSchema("") };

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("touchpoint-envelope.schema.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_ThrowsNamingFile()
    {
        var files = Files("{ \"properties\": ");

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("demo.event.schema.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKeyword_Throws()
    {
        var files = Files(TypeSchema(""", "required": ["a"], "required": ["b"]"""));

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("'required'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileNameWithoutSchemaSuffix_Throws()
    {
        var files = Files(TypeSchema(""));
        files["notes.json"] = "{}";

        var ex = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Load(files));

        Assert.Contains("notes.json", ex.Message, StringComparison.Ordinal);
    }
}
