using System.Globalization;
using System.Text;
using PhoneNumbers;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

/// <summary>
/// Recall per PII kind on values other people published (Enrichment/Data/SOURCES.md), alone and several in one
/// message, and the false-redaction rate on PII-free public text. Writes enrichment-quality-pii.txt, which CI prints.
/// </summary>
public sealed class PiiQualityEvaluationTests
{
    private static readonly string[] Templates =
    [
        "please use {0} for this",
        "My details: {0}.",
        "{0}",
        "it is {0}, thanks",
    ];

    private const int PhoneMinDigits = 7;

    private readonly PiiRedactor _redactor = new();

    [Fact]
    public void Redact_PublicPiiValues_WritesQualityReport()
    {
        var items = Cards().Concat(Ibans()).Concat(Phones()).Concat(Emails()).ToList();
        var report = new StringBuilder();
        report.AppendLine("PII redaction (a value counts as found when none of its digits/characters survive and its placeholder is there)");
        var recalls = new Dictionary<string, double>();
        var allMisses = new List<string>();
        foreach (var kind in items.GroupBy(item => item.Kind))
        {
            var found = 0;
            var total = 0;
            var misses = new List<string>();
            foreach (var item in kind)
            {
                foreach (var template in Templates)
                {
                    total++;
                    var text = string.Format(CultureInfo.InvariantCulture, template, item.Value);
                    if (IsRedacted(_redactor.Redact(text), item))
                    {
                        found++;
                    }
                    else
                    {
                        misses.Add(text + "  ->  " + _redactor.Redact(text));
                    }
                }
            }

            var recall = (double)found / total;
            recalls[kind.Key] = recall;
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Key,-6} recall={recall:F3} ({found}/{total})  source: {kind.First().Source}");
            allMisses.AddRange(misses);
            foreach (var miss in misses.Take(3))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    missed: {miss}");
            }
        }

        var combined = Combined(items);
        report.AppendLine(CultureInfo.InvariantCulture, $"  several values in one message: recall={combined:F3}");
        var (falseRate, changed, clean) = FalseRedaction();
        report.AppendLine(CultureInfo.InvariantCulture, $"  false redaction on PII-free text: {falseRate:F4} ({changed}/{clean}); source: UCI Sentiment Labelled Sentences (CC BY 4.0) + our {PiiCorpus.NearMisses.Length} near-misses");
        report.AppendLine(CultureInfo.InvariantCulture, $"  phone<7 are not redacted by design: {ShortNumberCollisions()}");
        var text2 = report.ToString();
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "pii-misses.txt"), allMisses);
        TestContext.Current.TestOutputHelper?.WriteLine(text2);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "enrichment-quality-pii.txt"), text2);

        // Floors a little below what was measured (card 1.000, iban 0.990, phone 0.996, email 1.000, combined 0.959,
        // false redaction 0.000); the target is 0.99 per kind. Numbers under seven digits are reported, not asserted.
        Assert.True(recalls["card"] >= 0.99, text2);
        Assert.True(recalls["iban"] >= 0.98, text2);
        Assert.True(recalls["phone"] >= 0.99, text2);
        Assert.True(recalls["email"] >= 0.99, text2);
        Assert.True(combined >= 0.95, text2);
        Assert.True(falseRate <= 0.001, text2);
    }

    // Why numbers under seven digits are left alone: most digit strings that short are a valid number somewhere.
    private static string ShortNumberCollisions()
    {
        var util = PhoneNumberUtil.GetInstance();
        var regions = util.GetSupportedRegions().Order(StringComparer.Ordinal).ToArray();
        var parts = new List<string>();
        foreach (var (from, to) in new[] { (1000, 9999), (10000, 99999), (100000, 999999) })
        {
            var sampled = 0;
            var valid = 0;
            for (var n = from; n <= to; n += (to - from) / 200)
            {
                sampled++;
                var text = n.ToString(CultureInfo.InvariantCulture);
                valid += regions.Any(region => IsValidFor(util, text, region)) ? 1 : 0;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{from.ToString(CultureInfo.InvariantCulture).Length} digits {(double)valid / sampled:P0}"));
        }

        return "share of evenly spaced digit strings that are a valid number in at least one region's plan: " + string.Join(", ", parts);
    }

    private static bool IsValidFor(PhoneNumberUtil util, string text, string region)
    {
        try
        {
            return util.IsValidNumberForRegion(util.Parse(text, region), region);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private double Combined(List<PiiItem> items)
    {
        var byKind = items.GroupBy(item => item.Kind).Select(g => g.ToList()).ToList();
        var found = 0;
        var total = 0;
        for (var i = 0; i < 200; i++)
        {
            var picked = byKind.Select(list => list[(i * 7) % list.Count]).ToList();
            var text = "Hi, " + string.Join(i % 2 == 0 ? " and " : ", ", picked.Select(p => p.Value)) + " - please update.";
            var redacted = _redactor.Redact(text);
            foreach (var item in picked)
            {
                total++;
                found += IsRedacted(redacted, item) ? 1 : 0;
            }
        }

        return (double)found / total;
    }

    private (double Rate, int Changed, int Total) FalseRedaction()
    {
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Enrichment", "Data"), "uci-*.tsv")
            .SelectMany(path => File.ReadLines(path).Skip(1).Select(line => line.Split('\t', 2)[1]))
            .Concat(PiiCorpus.NearMisses)
            .ToList();
        var changed = texts.Count(text => !ReferenceEquals(text, _redactor.Redact(text)));
        return ((double)changed / texts.Count, changed, texts.Count);
    }

    private static bool IsRedacted(string redacted, PiiItem item) =>
        redacted.Contains("[" + item.Kind.Split('<')[0] + "]", StringComparison.Ordinal)
        && !redacted.Contains(item.Core, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<PiiItem> Cards()
    {
        const string source = "generated from npm credit-card-type 10.3.0 network prefixes and lengths (MIT) + UATP, Luhn-completed";
        foreach (var columns in Rows("cards.tsv"))
        {
            var number = columns[1];
            yield return new PiiItem("card", number, number[^6..], source);
            yield return new PiiItem("card", Grouped(number, number.Length == 15 && columns[0] == "american-express" ? [4, 6, 5] : number.Length == 15 && columns[0] == "uatp" ? [4, 5, 6] : [4], ' '), number[^4..], source);
        }
    }

    private static IEnumerable<PiiItem> Ibans()
    {
        const string source = "example IBAN of every country in npm iban 0.0.14 (MIT)";
        foreach (var columns in Rows("ibans.tsv"))
        {
            var iban = columns[1];
            var core = iban[^6..];
            yield return new PiiItem("iban", iban, core, source);
            foreach (var separator in " -.")
            {
                var grouped = Grouped(iban, [4], separator);
                yield return new PiiItem("iban", grouped, grouped[^Math.Min(4, grouped.Length)..].Trim(separator), source);
            }
        }
    }

    private static IEnumerable<PiiItem> Phones()
    {
        const string source = "example mobile and fixed-line number of every region in libphonenumber-csharp 9.0.43 metadata (Apache-2.0)";
        var util = PhoneNumberUtil.GetInstance();
        foreach (var region in util.GetSupportedRegions().Order(StringComparer.Ordinal))
        {
            foreach (var type in new[] { PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE })
            {
                var example = util.GetExampleNumberForType(region, type);
                if (example is null)
                {
                    continue;
                }

                var national = example.NationalNumber.ToString(CultureInfo.InvariantCulture);
                var core = national[^Math.Min(4, national.Length)..];

                // Numbers of under seven digits (small islands, short fixed lines) are out of scope by design: the fast
                // path skips any text with fewer digits. They are reported on their own line.
                var kind = national.Length >= PhoneMinDigits ? "phone" : "phone<7";
                yield return new PiiItem(kind, util.Format(example, PhoneNumberFormat.INTERNATIONAL), core, source);
                yield return new PiiItem(kind, util.Format(example, PhoneNumberFormat.E164), core, source);
                yield return new PiiItem(kind, "call me on " + util.Format(example, PhoneNumberFormat.NATIONAL), core, source);
            }
        }
    }

    private static IEnumerable<PiiItem> Emails()
    {
        // No registry-served public e-mail corpus was found: these are ours, shaped like RFC 6530/5891 examples.
        const string source = "ours (ASCII, Unicode IDN and punycode domains, Unicode local parts)";
        string[] emails =
        [
            "jane.doe@example.com", "j.o'brien+tag@mail.example.co.uk", "user_01@sub.example.org", "Ann.Lee@Example.COM",
            "info@münchen.de", "kontakt@xn--mnchen-3ya.de", "hello@例え.テスト", "post@xn--r8jz45g.xn--zckzah",
            "админ@пример.рф", "user@xn--e1afmkfd.xn--p1ai", "δοκιμή@παράδειγμα.δοκιμή", "test@xn--bcher-kva.example",
            "first.last@büro-müller.ch", "a1@b2.io", "support-team@my-shop.online", "x@xn--fiqs8s.xn--fiqs8s",
        ];
        foreach (var email in emails)
        {
            yield return new PiiItem("email", email, email.Split('@')[1], source);
        }
    }

    private static string Grouped(string value, int[] sizes, char separator)
    {
        var builder = new StringBuilder();
        var at = 0;
        var group = 0;
        while (at < value.Length)
        {
            var size = Math.Min(sizes[Math.Min(group++, sizes.Length - 1)], value.Length - at);
            if (builder.Length > 0)
            {
                builder.Append(separator);
            }

            builder.Append(value, at, size);
            at += size;
        }

        return builder.ToString();
    }

    private static IEnumerable<string[]> Rows(string fileName) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Enrichment", "Data", fileName)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    private sealed record PiiItem(string Kind, string Value, string Core, string Source);
}
