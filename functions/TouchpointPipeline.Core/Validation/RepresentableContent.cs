using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Rejects JSON that is valid but that later stages cannot represent, anywhere in the event (declared attributes,
/// undeclared <c>data</c> members and property names alike): strings or names holding an unpaired UTF-16 surrogate
/// escape (.NET cannot turn them into a string) and numbers outside the finite <see cref="double"/> range (rules and
/// stores read numbers as doubles).
/// </summary>
public static class RepresentableContent
{
    // A JSON number's magnitude reaches double's limit (~1.8e308) only with an exponent or 309+ digits in a row.
    private const int MaxFiniteDigitRun = 308;

    /// <summary>The first unrepresentable value found, or null when every value can be represented.</summary>
    public static ValidationError? Check(JsonElement root) =>
        // The common case allocates nothing; the path is built only for an event that fails.
        IsRepresentable(root) ? null : Check(root, "$");

    /// <summary>
    /// <see cref="Check(JsonElement)"/> for the document parsed from <paramref name="utf8"/>, which a vectorized scan
    /// of the bytes answers at once for almost every event: with no <c>\uD…</c> escape (the only way to write an
    /// unpaired surrogate in valid JSON), no number with an exponent and no run of more than 308 digits, every value
    /// is representable. Only a body the scan cannot clear is walked element by element.
    /// </summary>
    public static ValidationError? Check(JsonElement root, ReadOnlySpan<byte> utf8) =>
        MayBeUnrepresentable(utf8) ? Check(root) : null;

    /// <summary>False only when no value in the JSON text <paramref name="utf8"/> can be unrepresentable.</summary>
    internal static bool MayBeUnrepresentable(ReadOnlySpan<byte> utf8) =>
        HasSurrogateEscape(utf8) || HasExponent(utf8) || HasLongDigitRun(utf8);

    private static bool HasSurrogateEscape(ReadOnlySpan<byte> utf8)
    {
        var at = utf8.IndexOf("\\u"u8);
        while (at >= 0)
        {
            // An escaped backslash before a u (JSON text \\ud800) also lands here: it only costs the full check.
            if (at + 2 < utf8.Length && (utf8[at + 2] | 0x20) == 'd')
            {
                return true;
            }

            utf8 = utf8[(at + 2)..];
            at = utf8.IndexOf("\\u"u8);
        }

        return false;
    }

    // An e or E right after a digit, where the number it ends starts a JSON value (after ':', ',', '[' or blank
    // space). Letters are everywhere in JSON text, so the candidates are found 16 bytes at a time; inside strings
    // ("7c1e-7b3a") the letters before the digits give a candidate away.
    private static bool HasExponent(ReadOnlySpan<byte> utf8)
    {
        var i = 1;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(utf8);
            var lowerCaseBit = Vector128.Create((byte)0x20);
            var e = Vector128.Create((byte)'e');
            var zero = Vector128.Create((byte)'0');
            var ten = Vector128.Create((byte)10);
            for (; i + Vector128<byte>.Count <= utf8.Length; i += Vector128<byte>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)i);
                var previous = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
                var candidates = Vector128.Equals(current | lowerCaseBit, e) & Vector128.LessThan(previous - zero, ten);
                if (candidates != Vector128<byte>.Zero)
                {
                    var bits = candidates.ExtractMostSignificantBits();
                    while (bits != 0)
                    {
                        if (StartsValue(utf8, i + BitOperations.TrailingZeroCount(bits)))
                        {
                            return true;
                        }

                        bits &= bits - 1;
                    }
                }
            }
        }

        for (; i < utf8.Length; i++)
        {
            if ((utf8[i] | 0x20) == 'e' && char.IsAsciiDigit((char)utf8[i - 1]) && StartsValue(utf8, i))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the digits (and '.', '-') before the exponent at <paramref name="exponent"/> begin where a value can.
    private static bool StartsValue(ReadOnlySpan<byte> utf8, int exponent)
    {
        var j = exponent - 1;
        while (j >= 0 && (char.IsAsciiDigit((char)utf8[j]) || utf8[j] == '.'))
        {
            j--;
        }

        if (j >= 0 && utf8[j] == '-')
        {
            j--;
        }

        return j < 0 || utf8[j] is (byte)':' or (byte)',' or (byte)'[' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    // A run of more than 308 digits covers a multiple of 308: only the bytes there need a look.
    private static bool HasLongDigitRun(ReadOnlySpan<byte> utf8)
    {
        for (var probe = MaxFiniteDigitRun; probe < utf8.Length; probe += MaxFiniteDigitRun)
        {
            if (!char.IsAsciiDigit((char)utf8[probe]))
            {
                continue;
            }

            var start = probe;
            while (start > 0 && char.IsAsciiDigit((char)utf8[start - 1]))
            {
                start--;
            }

            var end = probe;
            while (end + 1 < utf8.Length && char.IsAsciiDigit((char)utf8[end + 1]))
            {
                end++;
            }

            if (end - start + 1 > MaxFiniteDigitRun)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRepresentable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.IsValidUnicode(element);
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.IsValidUnicodeName(property) || !IsRepresentable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsRepresentable(item))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static ValidationError? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.IsValidUnicode(element)
                    ? null
                    : new ValidationError(path, "unicode", $"{path} holds an unpaired UTF-16 surrogate; strings must be valid Unicode.");
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number)
                    ? null
                    : new ValidationError(path, "number", $"{path} is outside the range of a finite 64-bit floating-point number.");
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.IsValidUnicodeName(property))
                    {
                        return new ValidationError(path, "unicode", $"A property name in {path} holds an unpaired UTF-16 surrogate.");
                    }

                    if (Check(property.Value, path == "$" ? property.Name : path + "." + property.Name) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{index}]") is { } error)
                    {
                        return error;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }
}
