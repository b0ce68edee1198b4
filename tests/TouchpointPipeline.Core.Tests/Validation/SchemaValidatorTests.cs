using System.Text.Json;
using System.Text.Json.Nodes;
using TouchpointPipeline.Core.Tests.Infrastructure;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

/// <summary>
/// Inputs the examples in the schema files cannot cover, either because they are not valid JSON objects or because
/// NJsonSchema judges them differently (it accepts loose date-times and rejects 5.0 as an integer): here our
/// validator's own decisions are pinned down.
/// </summary>
public sealed class SchemaValidatorTests
{
    private static readonly SchemaValidator Validator = SchemaValidator.LoadEmbedded();

    private const string Anonymous = "\"anonymousid\":\"anon-1\"";

    private static string Event(string type, string channel, string data, string attributes = Anonymous) =>
        $$"""{"specversion":"1.0","id":"evt-1","source":"https://shop.example.com","type":"{{type}}","time":"2025-03-14T09:26:53Z","channel":"{{channel}}",{{attributes}},"data":{{data}}}""";

    private static string Click(string data = """{"selector":"#buy","x":1,"y":2,"url":"https://shop.example.com/"}""", string attributes = Anonymous) =>
        Event("element.clicked", "web", data, attributes);

    private static string ChatMessage(string text) => Event("chat.message", "chat", $$"""{"chatId":"c-1","sender":"customer","text":{{text}}}""");

    private static string ChatEnded(string csat) => Event("chat.ended", "chat", $$"""{"chatId":"c-1","csat":{{csat}}}""");

    private static string WithTime(string time) => Click().Replace("2025-03-14T09:26:53Z", time, StringComparison.Ordinal);

    /// <summary>Event JSON; expected field and rule of one reported error, or both null when the event is valid.</summary>
    public static TheoryData<string, string?, string?> Cases() => new()
    {
        // The root must be an object.
        { "[]", "$", "type" },
        { "\"page.viewed\"", "$", "type" },
        { "42", "$", "type" },
        { "null", "$", "type" },
        { "true", "$", "type" },
        { "{}", "type", "required" },

        // data must be an object.
        { Click("[]"), "data", "type" },
        { Click("null"), "data", "type" },
        { Click("\"x=1\""), "data", "type" },

        // Numbers sent as strings are not numbers.
        { Click("""{"selector":"#buy","x":"12","y":2,"url":"u"}"""), "data.x", "type" },
        { Event("call.held", "call", """{"callId":"c","holdSeconds":"30"}"""), "data.holdSeconds", "type" },

        // Huge numbers compare by magnitude; integer means no fractional part (draft-07).
        { Click("""{"selector":"#buy","x":1e400,"y":2,"url":"u"}"""), null, null },
        { Click("""{"selector":"#buy","x":-1e400,"y":2,"url":"u"}"""), "data.x", "minimum" },
        { Click("""{"selector":"#buy","x":-0,"y":0.0,"url":"u"}"""), null, null },
        { ChatEnded("1e400"), "data.csat", "maximum" },
        { ChatEnded("5.0"), null, null },
        { ChatEnded("4.5"), "data.csat", "type" },
        { ChatEnded("1E0"), null, null },
        { Event("search.performed", "web", """{"query":"q","resultCount":123456789012345678901234567890}"""), null, null },

        // null is a value, not an absent attribute.
        { Click(attributes: Anonymous + ",\"subject\":null"), "subject", "type" },
        { Click(attributes: Anonymous + ",\"customerid\":null"), "customerid", "type" },
        { Click(attributes: "\"customerid\":null"), "customerid", "type" },
        { Click(attributes: "\"sessionid\":\"s-1\""), "$", "anyOf" },
        { ChatMessage("null"), "data.text", "type" },

        // Every copy of a duplicated key is validated, whichever copy a later reader picks.
        { Click().Replace("\"channel\":\"web\"", "\"channel\":\"web\",\"channel\":\"call\"", StringComparison.Ordinal), "channel", "enum" },
        { Click().Replace("\"channel\":\"web\"", "\"channel\":\"call\",\"channel\":\"web\"", StringComparison.Ordinal), "channel", "enum" },
        { Click().Replace("\"id\":\"evt-1\"", "\"id\":\"a/b\",\"id\":\"evt-1\"", StringComparison.Ordinal), "id", "pattern" },
        { Click().Replace("\"type\":\"element.clicked\"", "\"type\":\"page.viewed\",\"type\":\"element.clicked\"", StringComparison.Ordinal), "type", "enum" },

        // date-time is strict RFC 3339 (see Rfc3339Timestamp); NJsonSchema accepts most of these.
        { WithTime("2025-03-14T09:26:53.5+01:00"), null, null },
        { WithTime("2025-03-14T09:26:53.123456789-05:30"), null, null },
        { WithTime("2024-02-29T23:59:59Z"), null, null },
        { WithTime("2025-03-14T09:26:53"), "time", "format" },
        { WithTime("2025-03-14t09:26:53Z"), "time", "format" },
        { WithTime("2025-03-14T09:26:53z"), "time", "format" },
        { WithTime("2025-03-14 09:26:53Z"), "time", "format" },
        { WithTime("2025-03-14"), "time", "format" },
        { WithTime("2025-02-29T00:00:00Z"), "time", "format" },
        { WithTime("2025-13-01T00:00:00Z"), "time", "format" },
        { WithTime("2025-03-14T24:00:00Z"), "time", "format" },
        { WithTime("2025-03-14T09:26:60Z"), "time", "format" },
        { WithTime("2025-03-14T09:26:53+0100"), "time", "format" },
        { WithTime("2025-03-14T09:26:53+15:00"), "time", "format" },
        { WithTime("2025-03-14T09:26:53.Z"), "time", "format" },
        { WithTime("2025-03-14T09:26:53.1234567890Z"), "time", "format" },
        { WithTime("2025-03-14T09:26:53Z "), "time", "format" },
        { WithTime("0001-01-01T00:00:00+01:00"), "time", "format" },
        { Click(attributes: Anonymous + ",\"sentat\":\"2025-03-14T09:26:53\""), "sentat", "format" },

        // Lengths count Unicode code points, not UTF-16 units or bytes.
        { ChatMessage("\"" + string.Concat(Enumerable.Repeat("😀", 4000)) + "\""), null, null },
        { ChatMessage("\"" + string.Concat(Enumerable.Repeat("😀", 4001)) + "\""), "data.text", "maxLength" },
        { ChatMessage("\"é\""), null, null },
        { ChatMessage("\"\\u00e9\""), null, null },
        { ChatMessage("\"\\ud800\""), "data.text", "minLength" },
        { ChatMessage("\"\\ud83d\\ude00\""), null, null },

        // Escapes mean what they decode to.
        { Click().Replace("\"element.clicked\"", "\"element\\u002eclicked\"", StringComparison.Ordinal), null, null },
        { Click().Replace("\"evt-1\"", "\"evt\\u002d1\"", StringComparison.Ordinal), null, null },
        { Click().Replace("\"evt-1\"", "\"evt\\u002f1\"", StringComparison.Ordinal), "id", "pattern" },
        { Click().Replace("\"channel\"", "\"\\u0063hannel\"", StringComparison.Ordinal).Replace("\"web\"", "\"call\"", StringComparison.Ordinal), "channel", "enum" },

        // An id ending in a newline must not slip past the anchored pattern (.NET's $ would allow it).
        { Click().Replace("\"evt-1\"", "\"evt-1\\n\"", StringComparison.Ordinal), "id", "pattern" },
        { Click().Replace("\"evt-1\"", "\"" + new string('a', 128) + "\"", StringComparison.Ordinal), null, null },

        // Dispatch on type.
        { Click().Replace("\"type\":\"element.clicked\",", "", StringComparison.Ordinal), "type", "required" },
        { Click().Replace("\"element.clicked\"", "42", StringComparison.Ordinal), "type", "type" },
        { Click().Replace("\"element.clicked\"", "\"element.tapped\"", StringComparison.Ordinal), "type", "enum" },
        { Click().Replace("\"element.clicked\"", "\"\"", StringComparison.Ordinal), "type", "minLength" },

        // CloudEvents extensions and app-specific data fields are allowed.
        { Click(attributes: Anonymous + ",\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\""), null, null },
        { Click("""{"selector":"#buy","x":1,"y":2,"url":"u","abTest":{"variant":"b"}}"""), null, null },

        // customer.identified needs both ids; other types need one of them.
        { Event("customer.identified", "web", "{}", "\"customerid\":\"c-1\""), "anonymousid", "required" },
        { Event("customer.identified", "web", "{}", "\"customerid\":\"c-1\"," + Anonymous), null, null },
        { Event("order.completed", "web", """{"orderId":"o-1"}""", "\"customerid\":\"c-1\""), null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_TrickyInput_ReportsExpectedError(string json, string? field, string? rule)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<ValidationError>();

        var valid = Validator.Validate(document.RootElement, errors);

        if (field is null)
        {
            Assert.True(valid, string.Join("; ", errors));
            Assert.Empty(errors);
        }
        else
        {
            Assert.False(valid);
            Assert.Contains(errors, e => e.Field == field && e.Rule == rule);
        }
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachAndKeepsEarlierErrors()
    {
        var json = Click("""{"selector":"#buy","x":-1,"y":2,"url":"u"}""")
            .Replace("\"evt-1\"", "\"evt 1\"", StringComparison.Ordinal)
            .Replace("2025-03-14T09:26:53Z", "now", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var earlier = new ValidationError("body", "maxBytes", "earlier");
        var errors = new List<ValidationError> { earlier };

        var valid = Validator.Validate(document.RootElement, errors);

        Assert.False(valid);
        Assert.Same(earlier, errors[0]);
        Assert.Equal(
            [("data.x", "minimum"), ("id", "pattern"), ("time", "format")],
            errors.Skip(1).Select(e => (e.Field, e.Rule)).Order());
    }

    [Fact]
    public void Validate_ErrorMessage_NamesFieldAndLimit()
    {
        using var document = JsonDocument.Parse(Event("call.held", "call", """{"callId":"c","holdSeconds":-5}"""));
        var errors = new List<ValidationError>();

        Validator.Validate(document.RootElement, errors);

        var error = Assert.Single(errors);
        Assert.Equal("data.holdSeconds must be ≥ 0", error.Message);
    }

    [Fact]
    public void Validate_DefaultJsonElement_ReportsNotAnObject()
    {
        var errors = new List<ValidationError>();

        var valid = Validator.Validate(default, errors);

        Assert.False(valid);
        Assert.Equal(("$", "type"), (errors[0].Field, errors[0].Rule));
    }

    [Fact]
    public void Validate_ValidExamples_AllocateNothing()
    {
        var documents = SchemaFiles.ValidExamples().Select(e => JsonDocument.Parse(e.EventJson)).ToList();
        var errors = new List<ValidationError>();
        foreach (var document in documents)
        {
            Assert.True(Validator.Validate(document.RootElement, errors));
        }

        var allocated = SteadyStateAllocations.Measure(
            () =>
            {
                foreach (var document in documents)
                {
                    Validator.Validate(document.RootElement, errors);
                }
            },
            callsPerRound: 100);

        documents.ForEach(d => d.Dispose());
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Validate_AnyValueInAnyPlace_NeverThrows()
    {
        string[] oddValues =
        [
            "null", "true", "[]", "[1,{}]", "{}", "{\"a\":{\"b\":[null]}}", "\"\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
            "1e400", "-1e400", "-0", "0.1e-400", "123456789012345678901234567890", "\"" + new string('x', 70_000) + "\"",
        ];
        var thrown = new List<string>();

        foreach (var example in SchemaFiles.ValidExamples())
        {
            var original = JsonNode.Parse(example.EventJson)!.AsObject();
            var places = original.Select(p => (Path: p.Key, Data: false))
                .Concat(original["data"]!.AsObject().Select(p => (Path: p.Key, Data: true)))
                .ToList();
            foreach (var (path, inData) in places)
            {
                foreach (var odd in oddValues)
                {
                    var mutated = JsonNode.Parse(example.EventJson)!.AsObject();
                    var target = inData ? mutated["data"]!.AsObject() : mutated;
                    var json = target.ToJsonString().Length > 0 ? ReplaceMember(mutated, target, path, odd) : "";
                    try
                    {
                        using var document = JsonDocument.Parse(json);
                        Validator.Validate(document.RootElement, []);
                    }
                    catch (Exception ex) when (ex is not JsonException)
                    {
                        thrown.Add($"{example.File} {path}={odd[..Math.Min(20, odd.Length)]}: {ex.GetType().Name}");
                    }
                }
            }
        }

        Assert.Empty(thrown);
    }

    private static string ReplaceMember(JsonObject root, JsonObject target, string name, string rawValue)
    {
        // JsonNode would re-escape a lone surrogate; splice the raw text in through a placeholder instead.
        target[name] = "__odd__";
        return root.ToJsonString().Replace("\"__odd__\"", rawValue, StringComparison.Ordinal);
    }
}
