using System.Collections.Frozen;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>IBAN validation (ISO 13616): known country, the country's exact length, and mod-97 check digits.</summary>
internal static class IbanChecksum
{
    // IBAN lengths by country from the SWIFT IBAN registry. An unknown country is never an IBAN here: the length
    // check is what keeps "AB12 and some words" from being tried at all.
    private static readonly FrozenDictionary<int, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27,
        ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15,
        ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,

        // Later registry entries (SWIFT release 2021+).
        ["BI"] = 27, ["DJ"] = 27, ["FK"] = 18, ["MN"] = 20, ["NI"] = 28, ["OM"] = 23, ["RU"] = 33, ["SO"] = 23,
        ["YE"] = 30, ["HN"] = 28,

        // Countries and territories whose banks issue IBANs outside the SWIFT registry (the "partial IBAN" list that
        // IBAN libraries such as npm iban carry): French-zone Africa, Algeria, Iran, Madagascar, Mozambique, Angola,
        // Cape Verde, and the French overseas territories, which use France's format.
        ["AO"] = 25, ["BF"] = 27, ["BJ"] = 28, ["CI"] = 28, ["CM"] = 27, ["CV"] = 25, ["DZ"] = 24, ["IR"] = 26,
        ["MG"] = 27, ["ML"] = 28, ["MZ"] = 25, ["SN"] = 28, ["GF"] = 27, ["GP"] = 27, ["MQ"] = 27, ["RE"] = 27,
        ["PF"] = 27, ["TF"] = 27, ["YT"] = 27, ["NC"] = 27, ["BL"] = 27, ["MF"] = 27, ["PM"] = 27, ["WF"] = 27,
    }.ToFrozenDictionary(pair => Key(pair.Key[0], pair.Key[1]), pair => pair.Value);

    /// <summary>
    /// Finds the IBAN at the start of <paramref name="candidate"/> (which may run on into following words) and returns
    /// its length in characters including group separators (space, dash or dot), or 0 when there is none.
    /// </summary>
    public static int MatchLength(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length < 4 || !Lengths.TryGetValue(Key(candidate[0], candidate[1]), out var ibanLength))
        {
            return 0;
        }

        Span<char> compact = stackalloc char[34];
        var taken = 0;
        var end = 0;
        while (end < candidate.Length && taken < ibanLength)
        {
            var c = candidate[end++];
            if (c is not (' ' or '-' or '.'))
            {
                compact[taken++] = char.ToUpperInvariant(c);
            }
        }

        // The IBAN must end where a word ends, or it is the start of something longer.
        var endsClean = end == candidate.Length || !char.IsAsciiLetterOrDigit(candidate[end]);
        return taken == ibanLength && endsClean && Mod97(compact[..ibanLength]) == 1 ? end : 0;
    }

    // Rearranged (BBAN + country + check digits), letters as 10..35, taken mod 97 piecewise so no big integers.
    private static int Mod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return -1;
            }
        }

        return remainder;
    }

    private static int Key(char a, char b) => (char.ToUpperInvariant(a) << 16) | char.ToUpperInvariant(b);
}
