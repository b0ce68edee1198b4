using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>A value from a schema's <c>enum</c> or <c>const</c>, compared by JSON equality (1 equals 1.0).</summary>
internal sealed class JsonLiteral
{
    private readonly JsonElement _value;
    private readonly byte[]? _utf8;
    private readonly double _number;

    public JsonLiteral(JsonElement value)
    {
        _value = value.Clone();
        if (value.ValueKind == JsonValueKind.String)
        {
            _utf8 = Encoding.UTF8.GetBytes(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Number)
        {
            _number = JsonNumber.ToDouble(value);
        }
    }

    /// <summary>The literal as JSON, for error messages.</summary>
    public string Text => _value.ValueKind == JsonValueKind.String ? _value.GetString()! : _value.GetRawText();

    public bool Matches(JsonElement instance)
    {
        if (instance.ValueKind != _value.ValueKind)
        {
            return false;
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    // ValueEquals compares the unescaped text without allocating.
                    return instance.ValueEquals(_utf8);
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Number:
                return JsonNumber.ToDouble(instance) == _number;
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                return true;
            default:
                return JsonElement.DeepEquals(instance, _value);
        }
    }
}
