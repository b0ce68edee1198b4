using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Core.Tests.Infrastructure;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

public sealed class PiiRedactorTests
{
    private readonly PiiRedactor _redactor = new();

    [Theory]
    [InlineData("")]
    [InlineData("Where is my order?")]
    [InlineData("The app crashed twice on the checkout page, version 5.2 on Android 14.")]
    [InlineData("Contact us @ the store")]
    public void Redact_NoPii_ReturnsTheSameInstance(string text)
    {
        var redacted = _redactor.Redact(text);

        Assert.Same(text, redacted);
    }

    [Fact]
    public void RedactWithCounts_NoPii_ReturnsTheSameInstanceAndZeroCounts()
    {
        const string text = "Order 4839201756 hasn't arrived";

        var result = _redactor.RedactWithCounts(text);

        Assert.Same(text, result.Text);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void RedactWithCounts_EveryKind_ReplacesEachAndCountsThem()
    {
        const string text = "a@b.io, b@c.io, +44 20 7946 0958, 4111 1111 1111 1111, DE89 3704 0044 0532 0130 00.";

        var result = _redactor.RedactWithCounts(text);

        Assert.Equal(new RedactionResult("[email], [email], [phone], [card], [iban].", 2, 1, 1, 1), result);
    }

    [Fact]
    public void Redact_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _redactor.Redact(null!));
    }

    [Theory]
    [InlineData("This is ridiculous, my card 4111 1111 1111 1111 was charged twice and nobody answers at +44 20 7946 0958!!")]
    [InlineData("I'm so frustrated, I emailed john.smith@gmail.com three times and still no refund to DE89 3704 0044 0532 0130 00")]
    [InlineData("Thanks so much, the refund to GB82 WEST 1234 5698 7654 32 arrived 🙂")]
    [InlineData("Worst service ever. Call me on 07700 900123 NOW")]
    [InlineData("Great, it works now, you can reach me at ann@example.org if anything changes")]
    [InlineData("My email is ann@example.org and my number is 0612345678")]
    public void Redact_ChatMessage_KeepsItsSentiment(string message)
    {
        var scorer = new LexiconSentimentScorer();

        var redacted = _redactor.Redact(message);

        Assert.NotEqual(message, redacted);
        Assert.Equal(scorer.Score(message), scorer.Score(redacted));
    }

    [Fact]
    public void Redact_NoPii_AllocatesNothing()
    {
        const string text = "Hi, I ordered a jacket last Tuesday and the tracking page still says it is being prepared. "
            + "Could you check what is going on? The order was 2 items, size M, paid by card. Thanks!";
        Assert.Equal(0, SteadyStateAllocations.Measure(() => _redactor.Redact(text), callsPerRound: 1000));
    }

    [Fact]
    public void Redact_DigitsButNoPii_AllocatesNothing()
    {
        const string text = "Order 4839201756 placed 2024-03-15 at 14:30, app version 10.0.19045, total $1,299.99";
        Assert.Equal(0, SteadyStateAllocations.Measure(() => _redactor.Redact(text), callsPerRound: 100));
    }

    [Fact]
    public void Redact_ConcurrentCalls_AgreeWithSequentialOnes()
    {
        var inputs = PiiCorpus.NearMisses.Concat(["mail a@b.io or call +44 20 7946 0958"]).ToArray();
        var expected = inputs.Select(_redactor.Redact).ToArray();

        var results = new string[inputs.Length * 50];
        Parallel.For(0, results.Length, i => results[i] = _redactor.Redact(inputs[i % inputs.Length]));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % inputs.Length], results[i]));
    }

    [Theory]
    [InlineData("call me on 01 234 567", "call me on [phone]")]
    [InlineData("my mobile: 9 518 1234", "my mobile: [phone]")]
    [InlineData("phone 8 (912) 345-67-89 after six", "phone [phone] after six")]
    [InlineData("please ring 01 234567890", "please ring [phone]")]
    public void Redact_AmbiguousNationalNumberAfterPhoneWord_IsRedacted(string text, string expected)
    {
        var redacted = _redactor.Redact(text);

        Assert.Equal(expected, redacted);
    }

    [Theory]
    [InlineData("It arrived on 12 03 2024")]
    [InlineData("see you at 10 30 15")]
    [InlineData("call me on 40123")]
    public void Redact_DateAfterWeakCueOrShortNumber_IsKept(string text)
    {
        var redacted = _redactor.Redact(text);

        Assert.Same(text, redacted);
    }
}
