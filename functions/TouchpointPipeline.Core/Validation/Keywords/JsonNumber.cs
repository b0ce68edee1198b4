using System.Runtime.InteropServices;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>Reads JSON numbers for comparisons without throwing, whatever their size.</summary>
internal static class JsonNumber
{
    /// <summary>
    /// The value as a double. Numbers beyond double's range (1e400) become ±infinity rather than failing, so a huge
    /// value still fails <c>maximum</c> and passes <c>minimum</c> as its magnitude says.
    /// </summary>
    public static double ToDouble(JsonElement number)
    {
        if (number.TryGetDouble(out var value))
        {
            return value;
        }

        var raw = JsonMarshal.GetRawUtf8Value(number);
        return raw.Length > 0 && raw[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>
    /// True when the number has no fractional part (draft-07: <c>1.0</c> is an integer). Decimal first because it is
    /// exact for the digits emitters send; beyond decimal's range a number has no room left for a fraction that
    /// matters, so it counts as an integer.
    /// </summary>
    public static bool IsInteger(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        if (number.TryGetDecimal(out var exact))
        {
            return decimal.Truncate(exact) == exact;
        }

        var approximate = ToDouble(number);
        return double.IsInfinity(approximate) || Math.Floor(approximate) == approximate;
    }
}
