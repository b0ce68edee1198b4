using System.Buffers;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Replaces personal data in free text (chat messages, form and client error messages, search queries) with typed
/// placeholders before anything is stored: e-mail addresses → <c>[email]</c>, phone numbers → <c>[phone]</c>, payment
/// card numbers (12–19 digits, Luhn-checked) → <c>[card]</c>, IBANs (mod-97-checked, any of space, dash or dot between
/// groups) → <c>[iban]</c>. Everything else is kept
/// character for character, so sentiment and search still work on the result.
/// </summary>
/// <remarks>
/// Source-generated patterns find candidates; checksums and context rules decide (see <see cref="PhoneNumberRules"/>
/// for what counts as a phone). Text without an <c>@</c> and with fewer than seven digits cannot contain any of the
/// four kinds and is returned at once. Nothing is allocated unless something is replaced. Thread-safe.
/// Not detected: spelled-out addresses ("john at example dot com"), numbers written in words, phone numbers in
/// national formats with no phone-like shape and no cue word (e.g. a bare 10-digit run not starting with 0).
/// If a pattern ever exceeds its match timeout the whole text is replaced by <see cref="Unscannable"/>: failing
/// closed is the only safe answer when the text could not be checked.
/// </remarks>
public sealed class PiiRedactor
{
    public const string EmailPlaceholder = "[email]";
    public const string PhonePlaceholder = "[phone]";
    public const string CardPlaceholder = "[card]";
    public const string IbanPlaceholder = "[iban]";

    /// <summary>What the whole text becomes if it could not be scanned in time.</summary>
    public const string Unscannable = "[redacted]";

    // SearchValues rather than IndexOfAnyInRange, which allocates on every call in this runtime (measured).
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private const int MinCardDigits = 12;

    private readonly Regex _email = PiiPatterns.Email();
    private readonly Regex _iban = PiiPatterns.Iban();
    private readonly Regex _card = PiiPatterns.Card();
    private readonly Regex _phone = PiiPatterns.Phone();

    /// <summary>Returns the redacted text, or <paramref name="text"/> itself when it contains no personal data.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Find(text);
        return found is null ? text : found.Count == 0 ? Unscannable : Replace(text, found)?.Text ?? text;
    }

    /// <summary>Redacts and reports how many items of each kind were replaced.</summary>
    public RedactionResult RedactWithCounts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Find(text);
        return found is null ? new RedactionResult(text, 0, 0, 0, 0)
            : found.Count == 0 ? new RedactionResult(Unscannable, 0, 0, 0, 0)
            : Replace(text, found) ?? new RedactionResult(text, 0, 0, 0, 0);
    }

    /// <summary>
    /// A cheap test on raw UTF-8 (a JSON string value as sent, percent-encoding included): <see langword="false"/> means
    /// no e-mail, phone, card or IBAN can be in it, even after URL-decoding — every kind needs an <c>@</c> (or its
    /// encoding <c>%40</c>) or at least <see cref="PhoneNumberRules.MinDigits"/> digits, and decoding never adds digits
    /// (<c>%34</c> has more digits than the <c>4</c> it stands for). Lets callers skip decoding and scanning most values.
    /// </summary>
    public static bool MayContainPii(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Contains((byte)'@') || utf8.IndexOf("%40"u8) >= 0)
        {
            return true;
        }

        var digits = 0;
        foreach (var b in utf8)
        {
            if ((uint)(b - '0') <= 9 && ++digits >= PhoneNumberRules.MinDigits)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The validated matches; <see langword="null"/> for none, empty when the scan timed out.</summary>
    private List<PiiMatch>? Find(string text)
    {
        var span = text.AsSpan();
        var hasAt = span.Contains('@');
        var hasDigits = HasAtLeastDigits(span, PhoneNumberRules.MinDigits);
        if (!hasAt && !hasDigits)
        {
            return null;
        }

        List<PiiMatch>? found = null;
        try
        {
            if (hasAt)
            {
                foreach (var m in _email.EnumerateMatches(span))
                {
                    Add(ref found, new PiiMatch(m.Index, m.Length, PiiKind.Email));
                }
            }

            // Cheap scans decide whether a pattern can match at all; the patterns cost microseconds on every text.
            if (hasDigits && MayContainIban(span))
            {
                foreach (var m in _iban.EnumerateMatches(span))
                {
                    var length = IbanChecksum.MatchLength(span.Slice(m.Index, m.Length));
                    Add(ref found, length > 0
                        ? new PiiMatch(m.Index, length, PiiKind.Iban)
                        : new PiiMatch(m.Index, m.Length, PiiKind.InvalidIban));
                }
            }

            if (hasDigits && LongestDigitRun(span) >= MinCardDigits)
            {
                foreach (var m in _card.EnumerateMatches(span))
                {
                    if (LuhnChecksum.IsCardNumber(span.Slice(m.Index, m.Length)) && IsFree(found, m.Index, m.Length))
                    {
                        Add(ref found, new PiiMatch(m.Index, m.Length, PiiKind.Card));
                    }
                }
            }

            if (hasDigits)
            {
                foreach (var m in _phone.EnumerateMatches(span))
                {
                    if (IsFree(found, m.Index, m.Length) && PhoneNumberRules.IsPhone(span, m.Index, m.Length))
                    {
                        Add(ref found, new PiiMatch(m.Index, m.Length, PiiKind.Phone));
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }

        return found;
    }

    private static RedactionResult? Replace(string text, List<PiiMatch> found)
    {
        found.RemoveAll(match => match.Kind == PiiKind.InvalidIban);
        if (found.Count == 0)
        {
            return null;
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        int emails = 0, phones = 0, cards = 0, ibans = 0;
        var length = text.Length;
        foreach (var match in found)
        {
            length += Placeholder(match.Kind).Length - match.Length;
            _ = match.Kind switch
            {
                PiiKind.Email => emails++,
                PiiKind.Phone => phones++,
                PiiKind.Card => cards++,
                _ => ibans++,
            };
        }

        var redacted = string.Create(length, (text, found), static (destination, state) =>
        {
            var (source, matches) = state;
            var read = 0;
            var write = 0;
            foreach (var match in matches)
            {
                source.AsSpan(read, match.Start - read).CopyTo(destination[write..]);
                write += match.Start - read;
                var placeholder = Placeholder(match.Kind);
                placeholder.CopyTo(destination[write..]);
                write += placeholder.Length;
                read = match.End;
            }

            source.AsSpan(read).CopyTo(destination[write..]);
        });
        return new RedactionResult(redacted, emails, phones, cards, ibans);
    }

    private static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => EmailPlaceholder,
        PiiKind.Phone => PhonePlaceholder,
        PiiKind.Card => CardPlaceholder,
        _ => IbanPlaceholder,
    };

    private static void Add(ref List<PiiMatch>? found, PiiMatch match) => (found ??= []).Add(match);

    private static bool IsFree(List<PiiMatch>? found, int start, int length)
    {
        if (found is null)
        {
            return true;
        }

        foreach (var match in found)
        {
            if (match.Overlaps(start, length))
            {
                return false;
            }
        }

        return true;
    }

    // Two letters then two digits (country code and check digits) somewhere in the text.
    private static bool MayContainIban(ReadOnlySpan<char> text)
    {
        var offset = 0;
        var at = text.IndexOfAny(Digits);
        while (at >= 0)
        {
            var i = offset + at;
            if (i >= 2 && i + 1 < text.Length && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i - 2])
                && char.IsAsciiDigit(text[i + 1]))
            {
                return true;
            }

            offset = i + 1;
            at = text[offset..].IndexOfAny(Digits);
        }

        return false;
    }

    // Most digits in one number, counting across single spaces or dashes ("4111 1111 1111 1111" is 16).
    private static int LongestDigitRun(ReadOnlySpan<char> text)
    {
        int longest = 0, run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                run++;
                longest = Math.Max(longest, run);
            }
            else if (!(c is ' ' or '-' && run > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                run = 0;
            }
        }

        return longest;
    }

    private static bool HasAtLeastDigits(ReadOnlySpan<char> text, int count)
    {
        var seen = 0;
        var at = text.IndexOfAny(Digits);
        while (at >= 0)
        {
            if (++seen == count)
            {
                return true;
            }

            text = text[(at + 1)..];
            at = text.IndexOfAny(Digits);
        }

        return false;
    }
}
