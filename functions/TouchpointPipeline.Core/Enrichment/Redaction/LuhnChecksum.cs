namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>Payment card number validation (ISO/IEC 7812 Luhn check plus a plausible issuer prefix).</summary>
internal static class LuhnChecksum
{
    /// <summary>
    /// True when the digits of <paramref name="candidate"/> (separators ignored) pass Luhn, are not one repeated digit,
    /// and have a length and first digit that some network issues: 15 digits starting 1 (UATP), 13–19 digits starting
    /// 2–6 (Mastercard 2-series and Mir, Amex/Diners/JCB, Visa, Mastercard/Maestro, Discover/UnionPay/Maestro), 12
    /// digits starting 4–6 (Maestro), 14–19 digits starting 81 (UnionPay), 16 digits starting 9 (Troy). The prefix and repeat rules drop many order and tracking numbers that
    /// pass Luhn by chance (one in ten does).
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> candidate)
    {
        var digits = 0;
        var sum = 0;
        var first = '\0';
        var second = '\0';
        var allSame = true;

        // Walk from the right so that every second digit from the check digit is doubled.
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (digits % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            allSame &= first == '\0' || c == first;
            second = first;
            first = c;
            sum += d;
            digits++;
        }

        var issued = first switch
        {
            '1' => digits == 15,
            '4' or '5' or '6' => digits is >= 12 and <= 19,
            '2' or '3' => digits is >= 13 and <= 19,
            '8' => second == '1' && digits is >= 14 and <= 19,
            '9' => digits == 16,
            _ => false,
        };
        return issued && !allSame && sum % 10 == 0;
    }
}
