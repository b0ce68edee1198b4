using System.Text.Json;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

/// <summary>Supported keywords the shipped schemas do not use yet, checked on a one-type schema set.</summary>
public sealed class SchemaKeywordTests
{
    private static readonly SchemaValidator Validator = SchemaValidator.Load(new Dictionary<string, string>
    {
        ["touchpoint-envelope.schema.json"] = """{ "type": "object", "required": ["type"], "properties": { "type": { "type": "string" } } }""",
        ["demo.event.schema.json"] = """
            { "allOf": [{ "$ref": "./touchpoint-envelope.schema.json" }],
              "properties": {
                "type": { "const": "demo.event" },
                "data": { "type": "object", "additionalProperties": false, "properties": {
                  "version": { "const": 2 },
                  "ratio": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
                  "label": { "type": ["string", "null"], "maxLength": 3 },
                  "mode": { "enum": ["a", 1, null, true] } } } } }
            """,
    });

    [Theory]
    [InlineData("""{"version":2,"ratio":0.5,"label":null,"mode":null}""", null, null)]
    [InlineData("""{"version":2.0,"mode":1.0,"label":"abc"}""", null, null)]
    [InlineData("""{"mode":true}""", null, null)]
    [InlineData("""{"version":3}""", "data.version", "const")]
    [InlineData("""{"ratio":0}""", "data.ratio", "exclusiveMinimum")]
    [InlineData("""{"ratio":1}""", "data.ratio", "exclusiveMaximum")]
    [InlineData("""{"label":7}""", "data.label", "type")]
    [InlineData("""{"label":"abcd"}""", "data.label", "maxLength")]
    [InlineData("""{"mode":"b"}""", "data.mode", "enum")]
    [InlineData("""{"mode":false}""", "data.mode", "enum")]
    [InlineData("""{"extra":1}""", "data.extra", "additionalProperties")]
    public void Validate_Keyword_ReportsExpectedError(string data, string? field, string? rule)
    {
        using var document = JsonDocument.Parse($$"""{"type":"demo.event","data":{{data}}}""");
        var errors = new List<ValidationError>();

        var valid = Validator.Validate(document.RootElement, errors);

        if (field is null)
        {
            Assert.True(valid, string.Join("; ", errors));
        }
        else
        {
            Assert.False(valid);
            Assert.Contains(errors, e => e.Field == field && e.Rule == rule);
        }
    }

    [Fact]
    public void Validate_WrongTypeWithConst_ReportsConst()
    {
        using var document = JsonDocument.Parse("""{"type":"other","type":"demo.event"}""");
        var errors = new List<ValidationError>();

        Validator.Validate(document.RootElement, errors);

        Assert.Contains(errors, e => e is { Field: "type", Rule: "const", Message: "type must be demo.event" });
    }
}
