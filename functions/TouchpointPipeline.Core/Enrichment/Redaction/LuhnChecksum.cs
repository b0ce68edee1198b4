namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>Payment card number validation (ISO/IEC 7812 Luhn check plus a plausible issuer prefix).</summary>
internal static class LuhnChecksum
{
    /// <summary>
    /// True when the digits of <paramref name="candidate"/> (separators ignored) are 13–19 long, start like a card
    /// (2–6: Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard/Maestro, Discover/UnionPay), are not one repeated
    /// digit, and pass Luhn. The prefix and repeat rules drop most order and tracking numbers that pass Luhn by chance
    /// (one in ten does).
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> candidate)
    {
        var digits = 0;
        var sum = 0;
        var first = '\0';
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
            first = c;
            sum += d;
            digits++;
        }

        return digits is >= 13 and <= 19 && first is >= '2' and <= '6' && !allSame && sum % 10 == 0;
    }
}
