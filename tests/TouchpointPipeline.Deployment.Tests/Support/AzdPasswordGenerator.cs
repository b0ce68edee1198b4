using System.Security.Cryptography;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// azd's password rule, ported from azure-dev cli/azd/pkg/password/generator.go (<c>Generate</c>): one cluster of
/// MinLower lower-case letters, MinUpper upper-case letters, MinNumeric digits and MinSpecial symbols; the total length
/// is <c>Length</c>, or the sum of the minimums when <c>Length</c> is 0; each remaining character comes from a
/// per-character alphabet of one random pick from every allowed class; then everything is shuffled.
/// </summary>
public static class AzdPasswordGenerator
{
    public const string LowercaseLetters = "abcdefghijklmnopqrstuvwxyz";
    public const string UppercaseLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Digits = "0123456789";

    /// <summary>generator.go <c>Symbols</c>: no characters that break command lines, URLs or connection strings.</summary>
    public const string Symbols = "-_.{}~()*+!";

    public static string Generate(AzdPasswordConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        uint minLower = config.MinLower ?? 0, minUpper = config.MinUpper ?? 0, minNumeric = config.MinNumeric ?? 0, minSpecial = config.MinSpecial ?? 0;
        var clusters = minLower + minUpper + minNumeric + minSpecial;
        var total = config.Length == 0 ? clusters : config.Length;
        if (clusters > total)
        {
            throw new ArgumentException("the sum of MinLower, MinUpper, MinNumeric, and MinSpecial must be less than or equal to the length");
        }

        if (total == 0)
        {
            throw new ArgumentException("either Length or the sum of MinLower, MinUpper, MinNumeric, and MinSpecial must be greater than 0");
        }

        var classes = new (uint Min, bool? Disallowed, string Alphabet)[]
        {
            (minLower, config.NoLower, LowercaseLetters),
            (minUpper, config.NoUpper, UppercaseLetters),
            (minNumeric, config.NoNumeric, Digits),
            (minSpecial, config.NoSpecial, Symbols),
        };
        var generated = new List<char>((int)total);
        foreach (var (min, disallowed, alphabet) in classes)
        {
            if (disallowed == true && min > 0)
            {
                throw new ArgumentException("cluster size is greater than 0 but the condition is false");
            }

            if (disallowed != true)
            {
                generated.AddRange(Pick(alphabet, min));
            }
        }

        for (var remaining = total - clusters; remaining > 0; remaining--)
        {
            var combined = string.Concat(classes.Where(c => c.Disallowed != true).Select(c => Pick(c.Alphabet, 1)[0]));
            if (combined.Length == 0)
            {
                throw new ArgumentException("can't generate if all characters are disallowed (noLower, noUpper, noNumeric, noSpecial)");
            }

            generated.Add(Pick(combined, 1)[0]);
        }

        var shuffled = generated.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }

    private static char[] Pick(string alphabet, uint count) =>
        [.. Enumerable.Range(0, (int)count).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])];
}
