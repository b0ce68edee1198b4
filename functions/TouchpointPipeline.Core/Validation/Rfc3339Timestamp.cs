using System.Text;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Parses the only timestamp form the event contract accepts (<c>time</c>, <c>sentat</c>): RFC 3339
/// <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)</c>. Stricter than RFC 3339 in three ways, so that every accepted
/// value is one <see cref="DateTimeOffset"/> can hold and every emitter writes the same shape: <c>T</c> and <c>Z</c>
/// upper case only; no leap second (<c>:60</c>); offsets within ±14:00. The fraction is 1–9 digits, truncated to
/// 100 ns ticks. No culture is involved. The validator and the normalizer both use this, so they cannot disagree.
/// </summary>
public static class Rfc3339Timestamp
{
    private const int MaxFractionDigits = 9;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > 64)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[64 * 3];
        return Encoding.UTF8.TryGetBytes(text, utf8, out var written) && TryParse(utf8[..written], out value);
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;

        // 2025-03-14T09:26:53Z is the shortest form (20 bytes).
        if (utf8.Length < 20
            || !TryDigits(utf8[0..4], out var year) || utf8[4] != '-'
            || !TryDigits(utf8[5..7], out var month) || utf8[7] != '-'
            || !TryDigits(utf8[8..10], out var day) || utf8[10] != 'T'
            || !TryDigits(utf8[11..13], out var hour) || utf8[13] != ':'
            || !TryDigits(utf8[14..16], out var minute) || utf8[16] != ':'
            || !TryDigits(utf8[17..19], out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = utf8[19..];
        long fractionTicks = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && IsDigit(rest[digits]))
            {
                digits++;
            }

            var fraction = rest[1..digits];
            if (fraction.Length is 0 or > MaxFractionDigits)
            {
                return false;
            }

            // Scale to exactly 7 digits (100 ns ticks): pad short fractions, drop digits beyond 7.
            for (var i = 0; i < 7; i++)
            {
                fractionTicks = (fractionTicks * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
            }

            rest = rest[digits..];
        }

        if (!TryOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, offset);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> text, out int minutes)
    {
        minutes = 0;
        if (text.Length == 1 && text[0] == 'Z')
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ((byte)'+' or (byte)'-') || text[3] != ':'
            || !TryDigits(text[1..3], out var hours) || !TryDigits(text[4..6], out var mins) || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        if (minutes > 14 * 60)
        {
            return false;
        }

        if (text[0] == '-')
        {
            minutes = -minutes;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!IsDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}
