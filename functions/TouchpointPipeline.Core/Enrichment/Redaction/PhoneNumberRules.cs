namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Decides whether a phone-shaped candidate is a phone number. Free text is full of numbers that look like phones —
/// order and tracking numbers, dates, prices, versions, IP addresses — so a national-format candidate must either
/// have a phone's shape or follow a word such as "call" or "mobile"; one after "order", "ticket", "#"… never is.
/// International numbers (<c>+CC</c>, <c>00CC</c>) are always phones when they have 7–15 digits. A national number
/// whose shape is ambiguous (<c>01 234 567</c> looks like a date, <c>9 518 1234</c> like a version) is a phone when a
/// phone word ("call", "phone", "mobile"…, not just "on") precedes it and it is a valid number of at least one region's
/// numbering plan (<see cref="PhoneNumberPlans"/>).
/// </summary>
internal static class PhoneNumberRules
{
    public const int MinDigits = 7;
    public const int MaxDigits = 15;

    private const int MaxGroups = 8;
    private const int ContextWords = 3;
    private const int ContextChars = 40;

    /// <summary>The cue when a phone word names the number: "call me on", "mobile:", "phone number".</summary>
    private const int StrongCue = 2;

    private static readonly string[] PhoneCues =
    [
        "phone", "tel", "telephone", "mobile", "cell", "cellphone", "call", "ring", "text", "sms", "whatsapp",
        "contact", "reach", "fax", "landline", "number", "handy", "portable", "on", "at",
    ];

    private static readonly string[] NotPhoneCues =
    [
        "order", "orders", "ref", "reference", "invoice", "ticket", "case", "tracking", "track", "parcel", "shipment",
        "package", "sku", "item", "id", "account", "acct", "customer", "confirmation", "booking", "version", "build",
        "serial", "po", "code", "pin", "otp", "iban", "card", "claim", "rma", "return", "transaction", "receipt",
        "membership", "policy", "voucher", "coupon", "imei", "model", "release", "nr", "no", "usd", "eur", "gbp",
        "isbn", "batch", "lot", "room", "flight", "timestamp", "ip",
    ];

    public static bool IsPhone(ReadOnlySpan<char> text, int start, int length)
    {
        var candidate = text.Slice(start, length);
        var international = candidate[0] == '+' || candidate.StartsWith("00", StringComparison.Ordinal);
        Span<int> groups = stackalloc int[MaxGroups];
        var groupCount = 0;
        var digits = 0;
        var dotted = false;
        var parenthesised = false;
        var trunkHint = candidate.Contains("(0)", StringComparison.Ordinal);
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (char.IsAsciiDigit(c))
            {
                if (i == 0 || !char.IsAsciiDigit(candidate[i - 1]))
                {
                    if (groupCount == MaxGroups)
                    {
                        return false;
                    }

                    groups[groupCount++] = 0;
                }

                groups[groupCount - 1]++;
                digits++;
            }
            else
            {
                dotted |= c == '.';
                parenthesised |= c == '(';
            }
        }

        if (trunkHint)
        {
            digits--;
        }

        var cue = Cue(text[..start]);
        if (cue < 0)
        {
            return false;
        }

        // "+CC" is unambiguous; "00CC" only when written with separators ("0044 20 7946 0958"), else it is a
        // zero-padded number like any other.
        if (candidate[0] == '+' || (international && groupCount > 1))
        {
            var nationalDigits = candidate[0] == '+' ? digits : digits - 2;
            return nationalDigits is >= MinDigits and <= MaxDigits;
        }

        if (digits is < MinDigits or > MaxDigits || IsMoney(text, start, length))
        {
            return false;
        }

        var shape = groups[..groupCount];
        if (LooksLikeCardOrId(shape))
        {
            return false;
        }

        if (LooksLikeDateOrVersion(shape, digits, dotted))
        {
            return (cue > 0 && !dotted && digits >= 9) || (cue == StrongCue && PhoneNumberPlans.IsValidInSomeRegion(candidate));
        }

        return cue > 0 || HasPhoneShape(shape, digits, dotted, parenthesised, candidate[0] == '0');
    }

    private static bool HasPhoneShape(ReadOnlySpan<int> groups, int digits, bool dotted, bool parenthesised, bool trunkZero)
    {
        if (parenthesised)
        {
            return digits >= 9;
        }

        if (dotted)
        {
            // 555.123.4567 (US) and 06.12.34.56.78 (FR) are the dotted phone styles; anything else dotted is a
            // version, an IP address or an amount.
            return (groups.Length == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4)
                || (groups.Length >= 4 && AllWithin(groups, 2, 2));
        }

        return groups.Length switch
        {
            // One run of digits: only a trunk-prefixed national number (07700900123, 0612345678, 015112345678).
            1 => trunkZero && digits is >= 10 and <= 12,
            2 => (trunkZero && digits is >= 9 and <= 12) || digits == 10,
            _ => digits >= 9,
        };
    }

    // Three short groups (2025-03-14, 14.03.2025, 10.0.19045) or four dotted ones (192.168.0.1).
    private static bool LooksLikeDateOrVersion(ReadOnlySpan<int> groups, int digits, bool dotted) =>
        (groups.Length == 3 && digits <= 8) || (dotted && groups.Length == 4 && AllWithin(groups, 1, 3));

    // 4-4-4… is how cards, vouchers and tracking numbers are printed; no national phone plan groups like that.
    private static bool LooksLikeCardOrId(ReadOnlySpan<int> groups) =>
        groups.Length >= 3 && groups[0] == 4 && groups[1] == 4 && groups[2] == 4;

    private static bool AllWithin(ReadOnlySpan<int> groups, int min, int max)
    {
        foreach (var group in groups)
        {
            if (group < min || group > max)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMoney(ReadOnlySpan<char> text, int start, int length)
    {
        var before = text[..start].TrimEnd();
        if (before.Length > 0 && before[^1] is '$' or '€' or '£' or '¥' or '₹')
        {
            return true;
        }

        var after = text[(start + length)..].TrimStart();
        return after.Length > 0 && (after[0] is '€' or '$' or '£' or '%'
            || after.StartsWith("EUR", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("USD", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("GBP", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Looks at up to three words before the candidate: the nearest cue decides. <see cref="StrongCue"/> for a phone word
    /// ("call", "mobile"…), 1 for a weak one alone ("on", "at", "number"), negative for an identifier word ("order",
    /// "ticket"…) or a <c>#</c>, zero for none.
    /// </summary>
    private static int Cue(ReadOnlySpan<char> before)
    {
        if (before.Length > ContextChars)
        {
            before = before[^ContextChars..];
        }

        before = before.TrimEnd(" :=-");
        if (before.Length > 0 && before[^1] == '#')
        {
            return -1;
        }

        for (var w = 0; w < ContextWords && before.Length > 0; w++)
        {
            before = before.TrimEnd(" .,:;=-()'\"");
            var wordStart = before.Length;
            while (wordStart > 0 && char.IsLetter(before[wordStart - 1]))
            {
                wordStart--;
            }

            var word = before[wordStart..];
            if (word.Length == 0)
            {
                return 0;
            }

            if (Contains(NotPhoneCues, word))
            {
                return -1;
            }

            if (Contains(PhoneCues, word))
            {
                // "number" and "on"/"at" are phone cues only when nothing nearer says otherwise: "order number",
                // "on order" keep looking one word further.
                if (word.Equals("number", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("on", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("at", StringComparison.OrdinalIgnoreCase))
                {
                    var further = Cue(before[..wordStart]);
                    return further < 0 ? -1 : Math.Max(further, 1);
                }

                return StrongCue;
            }

            before = before[..wordStart];
        }

        return 0;
    }

    private static bool Contains(string[] words, ReadOnlySpan<char> word)
    {
        foreach (var candidate in words)
        {
            if (word.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
