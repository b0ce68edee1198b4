using System.Runtime.InteropServices;
using System.Text.Json;
using TouchpointPipeline.Core.Validation.Keywords;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Reads JSON strings without throwing. <see cref="JsonElement.GetString"/> throws on an escaped lone surrogate
/// (<c>"\ud800"</c>), which is valid JSON but not valid UTF-16; code that touches event content before (or without)
/// validation uses these instead.
/// </summary>
public static class JsonText
{
    /// <summary>The string's value; null when <paramref name="value"/> is not a string or not valid Unicode.</summary>
    public static string? TryGetString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The named string property of an object; null when absent, not a string or not valid Unicode.</summary>
    public static string? TryGetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? TryGetString(value) : null;

    /// <summary>The property's name; null when it is not valid Unicode.</summary>
    public static string? TryGetName(JsonProperty property) => IsValidUnicodeName(property) ? property.Name : null;

    /// <summary>True when the string value decodes to valid Unicode (every surrogate escape paired).</summary>
    internal static bool IsValidUnicode(JsonElement value)
    {
        // The parser has already checked the UTF-8; only escapes can hide an unpaired surrogate.
        if (!JsonStringText.IsEscaped(JsonStringText.Raw(value)))
        {
            return true;
        }

        Span<byte> scratch = stackalloc byte[256];
        return JsonStringText.TryGetUtf8(value, scratch, out _);
    }

    /// <summary>True when the property name decodes to valid Unicode.</summary>
    internal static bool IsValidUnicodeName(JsonProperty property)
    {
        if (JsonMarshal.GetRawUtf8PropertyName(property).IndexOf((byte)'\\') < 0)
        {
            return true;
        }

        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
