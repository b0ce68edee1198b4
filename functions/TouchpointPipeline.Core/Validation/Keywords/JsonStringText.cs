using System.Runtime.InteropServices;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// Reads the text of JSON strings straight from the document buffer. Strings without escapes (the usual case) are
/// used in place; escaped ones are decoded into a caller's stack buffer, so valid events allocate nothing either way.
/// A string that is not valid Unicode (an escaped lone surrogate such as <c>"\ud800"</c>) is reported as unreadable:
/// .NET cannot turn it into a string, so string keywords reject it before a later reader throws.
/// </summary>
internal static class JsonStringText
{
    /// <summary>The text between the quotes, escapes still in place.</summary>
    public static ReadOnlySpan<byte> Raw(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Length >= 2 ? raw[1..^1] : [];
    }

    public static bool IsEscaped(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') >= 0;

    /// <summary>The unescaped UTF-8 text, in place or decoded into <paramref name="scratch"/> (heap only if it is too small).</summary>
    public static bool TryGetUtf8(JsonElement element, Span<byte> scratch, out ReadOnlySpan<byte> utf8)
    {
        var raw = Raw(element);
        if (!IsEscaped(raw))
        {
            utf8 = raw;
            return true;
        }

        // Unescaping never lengthens the text, so the raw length is enough room.
        var buffer = raw.Length <= scratch.Length ? scratch : new byte[raw.Length];
        try
        {
            var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(element));
            reader.Read();
            var written = reader.CopyString(buffer);
            utf8 = buffer[..written];
            return true;
        }
        catch (InvalidOperationException)
        {
            utf8 = default;
            return false;
        }
    }

    /// <summary>
    /// Counts Unicode code points (JSON Schema's string length: an emoji is one) in raw string text, decoding escapes
    /// as it goes; false on an unpaired surrogate escape.
    /// </summary>
    public static bool TryCountCodePoints(ReadOnlySpan<byte> raw, out int count)
    {
        count = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b != '\\')
            {
                // Every UTF-8 code point has exactly one byte that is not a continuation byte (10xxxxxx).
                if ((b & 0xC0) != 0x80)
                {
                    count++;
                }

                i++;
                continue;
            }

            if (i + 1 >= raw.Length || raw[i + 1] != 'u')
            {
                count++;
                i += 2;
                continue;
            }

            if (!TryHex4(raw, i + 2, out var unit))
            {
                return false;
            }

            i += 6;
            if (char.IsLowSurrogate((char)unit))
            {
                return false;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                if (i + 1 >= raw.Length || raw[i] != '\\' || raw[i + 1] != 'u'
                    || !TryHex4(raw, i + 2, out var low) || !char.IsLowSurrogate((char)low))
                {
                    return false;
                }

                i += 6;
            }

            count++;
        }

        return true;
    }

    private static bool TryHex4(ReadOnlySpan<byte> raw, int start, out int value)
    {
        value = 0;
        if (start + 4 > raw.Length)
        {
            return false;
        }

        foreach (var c in raw.Slice(start, 4))
        {
            var digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value * 16) + digit;
        }

        return true;
    }
}
