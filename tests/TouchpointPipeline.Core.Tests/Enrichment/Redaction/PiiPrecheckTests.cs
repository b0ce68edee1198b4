using System.Text;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

/// <summary>The quick test may only say "no PII" when the full redactor finds none, also after URL-decoding.</summary>
public sealed class PiiPrecheckTests
{
    [Theory]
    [InlineData("https://shop.example.com/checkout?cart=8f2a91c4&step=3", false)]
    [InlineData("Pay now – €149.90", false)]
    [InlineData("", false)]
    [InlineData("jane@example.com", true)]
    [InlineData("https://shop.example/search?q=jane%40example.com", true)]
    [InlineData("call 555 0132 1", true)]
    [InlineData("https://shop.example/o/1234567", true)]
    [InlineData("%34%31%31%31", true)]
    public void MayContainPii_Text_AnswersAsExpected(string text, bool expected)
    {
        Assert.Equal(expected, PiiRedactor.MayContainPii(Encoding.UTF8.GetBytes(text)));
    }

    public static TheoryData<string> PiiSamples =>
    [
        "jane.doe+orders@example.co.uk", "+44 20 7946 0958", "(415) 555-0132", "4111 1111 1111 1111",
        "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000",
        "https://shop.example/search?q=" + Uri.EscapeDataString("jane.doe@example.com"),
        "https://shop.example/search?q=" + Uri.EscapeDataString("+44 20 7946 0958"),
    ];

    [Theory]
    [MemberData(nameof(PiiSamples))]
    public void MayContainPii_EveryTextTheRedactorRedacts_True(string text)
    {
        // What the enricher hands the redactor: a URL's query value decoded on its own, other text as is.
        var query = text.IndexOf("?q=", StringComparison.Ordinal);
        var scanned = query < 0 ? text : Uri.UnescapeDataString(text[(query + 3)..]);
        Assert.NotEqual(scanned, new PiiRedactor().Redact(scanned));

        Assert.True(PiiRedactor.MayContainPii(Encoding.UTF8.GetBytes(text)));
    }
}
