using System.Text.RegularExpressions;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Source-generated candidate patterns. They only find shapes; checksums and context are judged in code
/// (<see cref="LuhnChecksum"/>, <see cref="IbanChecksum"/>, <see cref="PhoneNumberRules"/>), which is both faster and
/// easier to read than encoding them in a pattern. Every repetition is bounded and digit runs are atomic, so there is
/// nothing to backtrack into; the timeout is a second line of defence.
/// </summary>
internal static partial class PiiPatterns
{
    public const int TimeoutMilliseconds = 250;

    // local@domain.tld: not glued to a preceding address character; up to 8 labels; a letter TLD, Unicode (IDN) or
    // punycode (xn--…) alike.
    [GeneratedRegex(
        @"(?<![\w.%+'-])[\w.%+'-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}(?:\p{L}{2,24}|[Xx][Nn]--[A-Za-z0-9-]{1,59})(?![\w-])",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    public static partial Regex Email();

    // Country code, two check digits, then 11–30 alphanumerics: contiguous, or in groups of four with one consistent
    // separator (space, dash or dot).
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])[A-Za-z]{2}[0-9]{2}(?:[A-Za-z0-9]{11,30}|([ .-])[A-Za-z0-9]{4}(?:\1[A-Za-z0-9]{4}){1,6}(?:\1[A-Za-z0-9]{1,3})?)(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    public static partial Regex Iban();

    // 12–19 digits: contiguous, in fours with one consistent space or dash (4-4-4[-4[-3]]), Amex/Diners 4-6-5/4-6-4,
    // or UATP 4-5-6. Not part of a longer number, a decimal or an international phone number.
    [GeneratedRegex(
        @"(?<![0-9+][ .,-]?)(?:[0-9]{4}([ -]?)[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,4}(?:\1[0-9]{1,3})?)?|[0-9]{4}([ -]?)[0-9]{6}\2[0-9]{4,5}|[0-9]{4}([ -]?)[0-9]{5}\3[0-9]{6})(?![ .,-]?[0-9])",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    public static partial Regex Card();

    // International (+CC or 00CC, optional "(0)"), "[trunk digit] (area) local", or national digit groups separated by one space,
    // dot or dash. Not glued to a word, URL, decimal or a longer number.
    [GeneratedRegex(
        @"(?<![\w+.,/=-]|[0-9] )(?:(?:\+|00)[1-9][0-9]{0,2}(?:[ .-]?\(0\))?(?:[ .-]?(?>[0-9]{1,14})|[ .-]?\((?>[0-9]{1,5})\)){1,6}|(?:[0-9][ .-]?)?\((?>[0-9]{2,5})\)[ .-]?(?>[0-9]{2,8})(?:[ .-](?>[0-9]{2,8})){0,4}|(?>[0-9]{1,12})(?:[ .-](?>[0-9]{1,10})){0,5})(?![\w]|[.,/-]?[0-9]| [0-9]{2})",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    public static partial Regex Phone();
}
