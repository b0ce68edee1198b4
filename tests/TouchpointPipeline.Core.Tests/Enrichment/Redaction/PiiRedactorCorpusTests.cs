using System.Text.RegularExpressions;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

public sealed partial class PiiRedactorCorpusTests
{
    private readonly PiiRedactor _redactor = new();

    public static TheoryData<string> WithPii => [.. PiiCorpus.WithPii];

    public static TheoryData<string> NearMisses => [.. PiiCorpus.NearMisses];

    [Fact]
    public void Corpus_Size_MeetsTheBrief()
    {
        Assert.True(PiiCorpus.WithPii.Length >= 60, $"{PiiCorpus.WithPii.Length} strings with PII");
        Assert.True(PiiCorpus.NearMisses.Length >= 30, $"{PiiCorpus.NearMisses.Length} near-misses");
    }

    [Theory]
    [MemberData(nameof(WithPii))]
    public void Redact_CorpusStringWithPii_ReplacesEveryItemAndKeepsTheRest(string marked)
    {
        var input = Marked().Replace(marked, m => m.Groups["value"].Value);
        var expected = Marked().Replace(marked, m => "[" + m.Groups["kind"].Value + "]");

        var redacted = _redactor.Redact(input);

        Assert.Equal(expected, redacted);
        foreach (Match item in Marked().Matches(marked))
        {
            Assert.DoesNotContain(item.Groups["value"].Value, redacted, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(WithPii))]
    public void RedactWithCounts_CorpusStringWithPii_CountsEachKind(string marked)
    {
        var input = Marked().Replace(marked, m => m.Groups["value"].Value);
        var kinds = Marked().Matches(marked).Select(m => m.Groups["kind"].Value).ToList();

        var result = _redactor.RedactWithCounts(input);

        Assert.Equal(
            (kinds.Count(k => k == "email"), kinds.Count(k => k == "phone"), kinds.Count(k => k == "card"), kinds.Count(k => k == "iban")),
            (result.Emails, result.Phones, result.Cards, result.Ibans));
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Redact_NearMiss_ReturnsTheSameInstance(string text)
    {
        var redacted = _redactor.Redact(text);

        Assert.Same(text, redacted);
    }

    [GeneratedRegex("«(?<kind>[a-z]+):(?<value>[^»]+)»")]
    private static partial Regex Marked();
}
