using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Simulator.Journeys;

namespace TouchpointPipeline.Simulator.Tests.Journeys;

/// <summary>The simulator's chat lines score, with the pipeline's own scorer, in the bands its patterns rely on.</summary>
public sealed class ChatTextsTests
{
    private static readonly CombinedSentimentScorer Scorer = new();

    public static TheoryData<string> Neutral() => [.. ChatTexts.Neutral];

    public static TheoryData<string> Positive() => [.. ChatTexts.Positive];

    public static TheoryData<string> WarmOpeners() => [.. ChatTexts.WarmOpeners];

    public static TheoryData<string> Negative() => [.. ChatTexts.Negative];

    [Theory]
    [MemberData(nameof(Neutral))]
    public void Score_NeutralLine_IsBetweenMinusAndPlusPointTwo(string text)
    {
        var score = Scorer.Score(text).Score;

        Assert.InRange(score, -0.2, 0.2);
    }

    [Theory]
    [MemberData(nameof(Positive))]
    [MemberData(nameof(WarmOpeners))]
    public void Score_PositiveLine_IsAtLeastPointFour(string text)
    {
        var score = Scorer.Score(text).Score;

        Assert.True(score >= 0.4, $"'{text}' scored {score}");
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public void Score_NegativeLine_IsAtMostMinusPointFive(string text)
    {
        var score = Scorer.Score(text).Score;

        Assert.True(score <= -0.5, $"'{text}' scored {score}");
    }
}
