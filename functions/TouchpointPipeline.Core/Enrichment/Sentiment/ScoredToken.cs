namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>What the scorer remembers of one of the last three words: enough for negation, boosters and phrases.</summary>
internal struct ScoredToken
{
    public int Start;
    public int Length;
    public double Contribution;
    public double Boost;
    public bool IsNegator;
}
