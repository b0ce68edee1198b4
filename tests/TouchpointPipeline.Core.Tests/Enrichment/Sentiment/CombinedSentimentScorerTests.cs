using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

public sealed class CombinedSentimentScorerTests
{
    private readonly CombinedSentimentScorer _scorer = new();

    [Theory]
    [InlineData("Where is my parcel?")]
    [InlineData("Can I change my delivery address")]
    [InlineData("My email is [email].")]
    public void Score_RequestWithoutOpinion_IsNeutral(string text)
    {
        var score = _scorer.Score(text);

        Assert.Equal(SentimentLabel.Neutral, score.Label);
    }

    [Theory]
    [InlineData("This is the worst service I have ever had, absolutely terrible.", SentimentLabel.Negative)]
    [InlineData("Thank you so much, that was really helpful!", SentimentLabel.Positive)]
    public void Score_ClearOpinion_KeepsTheLexiconsLabel(string text, SentimentLabel expected)
    {
        var score = _scorer.Score(text);

        Assert.Equal(expected, score.Label);
    }

    [Theory]
    [InlineData("This is ridiculous, I've been waiting on hold for 45 minutes.")]
    [InlineData("Thanks, that fixed it!")]
    public void Score_LexiconAndClassifierAgree_KeepsTheLexiconScore(string text)
    {
        var lexicon = new LexiconSentimentScorer().Score(text);

        var combined = _scorer.Score(text);

        Assert.Equal(lexicon.Score, combined.Score);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("great great great great great great great great great great great great great")]
    [InlineData("bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad bad")]
    public void Score_AnyText_StaysOnTheLexiconScale(string text)
    {
        var score = _scorer.Score(text);

        Assert.InRange(score.Score, -1, 1);
        Assert.Equal(score.Score >= LexiconSentimentScorer.PositiveThreshold ? SentimentLabel.Positive
            : score.Score <= LexiconSentimentScorer.NegativeThreshold ? SentimentLabel.Negative : SentimentLabel.Neutral, score.Label);
    }

    [Fact]
    public void Score_LongText_ScoresOnlyTheFirstCharacters()
    {
        var text = new string('a', LexiconSentimentScorer.MaxLength) + " terrible awful horrible";

        var score = _scorer.Score(text + new string(' ', 10_000));

        Assert.Equal(SentimentLabel.Neutral, score.Label);
    }

    [Theory]
    [InlineData("bits 18\ndata-sha256 x\nbias 0\n")]
    [InlineData("bits 16\ndata-sha256 x\nbias 0\nlexicon 1\n")]
    [InlineData("bits 18\ndata-sha256 x\nbias 0\nlexicon 1\n999999999 0.5\n")]
    [InlineData("bits 18\ndata-sha256 x\nbias NaN\nlexicon 1\n")]
    public void Parse_BrokenWeights_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => LinearSentimentModel.Parse(text));
    }

    [Fact]
    public void Extract_SameWordNegated_GivesDifferentFeatures()
    {
        Span<int> plain = stackalloc int[SentimentFeatures.MaxFeatures];
        Span<int> negated = stackalloc int[SentimentFeatures.MaxFeatures];

        var plainCount = SentimentFeatures.Extract("good", plain);
        var negatedCount = SentimentFeatures.Extract("not good", negated);

        Assert.Equal(2, plainCount);
        Assert.Equal(4, negatedCount);
        Assert.NotEqual(plain[0], negated[2]);
    }
}
