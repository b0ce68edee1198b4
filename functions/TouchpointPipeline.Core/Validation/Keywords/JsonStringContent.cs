using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// The unescaped UTF-8 text of a JSON string, read straight from the document buffer when it has no escapes (the
/// usual case, no allocation) and decoded only when it has.
/// </summary>
internal readonly ref struct JsonStringContent
{
    private JsonStringContent(ReadOnlySpan<byte> utf8) => Utf8 = utf8;

    public ReadOnlySpan<byte> Utf8 { get; }

    /// <summary>
    /// False when the string is not valid Unicode (an escaped lone surrogate such as <c>"\ud800"</c>): such text
    /// cannot be read as a .NET string later, so string keywords reject it instead of letting a reader throw.
    /// </summary>
    public static bool TryRead(JsonElement element, out JsonStringContent content)
    {
        // The raw value of a string element includes its quotes.
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var inner = raw.Length >= 2 ? raw[1..^1] : [];
        if (inner.IndexOf((byte)'\\') < 0)
        {
            content = new JsonStringContent(inner);
            return true;
        }

        try
        {
            content = new JsonStringContent(Encoding.UTF8.GetBytes(element.GetString() ?? string.Empty));
            return true;
        }
        catch (InvalidOperationException)
        {
            content = default;
            return false;
        }
    }

    /// <summary>Counts Unicode code points, as JSON Schema's minLength/maxLength do (an emoji is one).</summary>
    public int CountCodePoints()
    {
        var count = 0;
        foreach (var b in Utf8)
        {
            // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
