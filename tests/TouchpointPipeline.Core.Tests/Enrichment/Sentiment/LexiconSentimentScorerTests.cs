using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

public sealed class LexiconSentimentScorerTests
{
    private readonly LexiconSentimentScorer _scorer = new();

    [Theory]
    [InlineData("", SentimentLabel.Neutral)]
    [InlineData("Where is my order?", SentimentLabel.Neutral)]
    [InlineData("The agent was helpful", SentimentLabel.Positive)]
    [InlineData("The agent was not helpful", SentimentLabel.Negative)]
    [InlineData("It is working", SentimentLabel.Neutral)]
    [InlineData("It is not working", SentimentLabel.Negative)]
    [InlineData("It still isn't working", SentimentLabel.Negative)]
    [InlineData("My parcel never arrived", SentimentLabel.Negative)]
    [InlineData("Not bad", SentimentLabel.Positive)]
    [InlineData("No problem, thanks", SentimentLabel.Positive)]
    [InlineData("No worries, thanks", SentimentLabel.Positive)]
    [InlineData("Thanks for nothing", SentimentLabel.Negative)]
    [InlineData("Thanks for the reply but it is still broken", SentimentLabel.Negative)]
    [InlineData("It was late but the agent was lovely", SentimentLabel.Positive)]
    [InlineData("Great, another delay and the app crashed again.", SentimentLabel.Negative)]
    [InlineData(":)", SentimentLabel.Positive)]
    [InlineData(":(", SentimentLabel.Negative)]
    [InlineData("😡", SentimentLabel.Negative)]
    [InlineData("ok 👍", SentimentLabel.Positive)]
    [InlineData("I don’t trust you anymore", SentimentLabel.Negative)]
    [InlineData("don't waste your money.", SentimentLabel.Negative)]
    [InlineData("do not buy this product", SentimentLabel.Negative)]
    [InlineData("i cannot say enough good things", SentimentLabel.Positive)]
    [InlineData("What a waste of money", SentimentLabel.Negative)]
    [InlineData("Never again.", SentimentLabel.Negative)]
    [InlineData("The food was mediocre and overpriced", SentimentLabel.Negative)]
    [InlineData("I would not recommend this place", SentimentLabel.Negative)]
    [InlineData("You can't go wrong with this phone", SentimentLabel.Positive)]
    public void Score_Phrase_HasExpectedLabel(string text, SentimentLabel expected)
    {
        Assert.Equal(expected, _scorer.Score(text).Label);
    }

    [Theory]
    [InlineData("The service was bad", "The service was really bad")]
    [InlineData("The service was bad", "The service was BAD")]
    [InlineData("The service was bad", "The service was bad!!!")]
    [InlineData("Why is this broken?", "Why is this broken???")]
    [InlineData("I appreciate it", "I really appreciate it")]
    [InlineData("Thanks", "Thanks! 😊")]
    public void Score_Emphasis_StrengthensTheSameDirection(string plain, string emphasised)
    {
        var a = _scorer.Score(plain).Score;
        var b = _scorer.Score(emphasised).Score;

        Assert.Equal(Math.Sign(a), Math.Sign(b));
        Assert.True(Math.Abs(b) > Math.Abs(a), $"{b} should be stronger than {a}");
    }

    [Theory]
    [InlineData("The service was bad", "The service was slightly bad")]
    [InlineData("The service was bad", "The service was a bit bad")]
    public void Score_Dampener_WeakensTheSameDirection(string plain, string dampened)
    {
        var a = _scorer.Score(plain).Score;
        var b = _scorer.Score(dampened).Score;

        Assert.True(b < 0 && b > a, $"{b} should be negative and weaker than {a}");
    }

    [Fact]
    public void Score_But_WeighsTheSecondClauseMore()
    {
        var praiseFirst = _scorer.Score("The agent was lovely but the parcel is damaged").Score;
        var complaintFirst = _scorer.Score("The parcel is damaged but the agent was lovely").Score;

        Assert.True(praiseFirst < 0, $"{praiseFirst}");
        Assert.True(complaintFirst > 0, $"{complaintFirst}");
    }

    [Fact]
    public void Score_AllCapsMessage_IsNotTreatedAsEmphasisOfEveryWord()
    {
        var shouted = _scorer.Score("THE SERVICE WAS BAD").Score;
        var plain = _scorer.Score("the service was bad").Score;

        Assert.Equal(plain, shouted);
    }

    [Theory]
    [InlineData("[email]")]
    [InlineData("[phone]")]
    [InlineData("[card]")]
    [InlineData("[iban]")]
    [InlineData("My email is [email], phone [phone], card [card], IBAN [iban].")]
    public void Score_RedactionPlaceholders_AreNeutral(string text)
    {
        Assert.Equal(new SentimentScore(0, SentimentLabel.Neutral), _scorer.Score(text));
    }

    [Theory]
    [InlineData("thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks!!!!!!!! 😊😊😊😊😊😊")]
    [InlineData("WORST WORST WORST useless terrible awful horrible 😡😡😡😡😡 ?????? !!!!!!")]
    public void Score_ExtremeText_StaysWithinRange(string text)
    {
        var score = _scorer.Score(text).Score;

        Assert.InRange(score, -1, 1);
    }

    [Fact]
    public void Score_VeryLongText_ReadsOnlyTheBoundedPrefix()
    {
        var text = new string('a', LexiconSentimentScorer.MaxLength) + " terrible awful";

        Assert.Equal(SentimentLabel.Neutral, _scorer.Score(text).Label);
    }

    [Fact]
    public void Score_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _scorer.Score(null!));
    }

    [Theory]
    [InlineData("[valence]\ngood\t1\ngood\t2", "listed twice")]
    [InlineData("[valence]\ngood\tx", "not a number")]
    [InlineData("good\t1", "unexpected")]
    [InlineData("[intensity]\nvery", "unexpected")]
    public void Parse_MalformedLexicon_ThrowsNamingTheLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SentimentLexicon.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_EmbeddedLexicon_LoadsAndHasNoPlaceholderWords()
    {
        var lexicon = SentimentLexicon.Default;

        Assert.True(lexicon.Words.TryGetValue("thanks", out _));
        Assert.All(["email", "phone", "card", "iban", "redacted"], w => Assert.False(lexicon.Words.TryGetValue(w, out _)));
    }
}
