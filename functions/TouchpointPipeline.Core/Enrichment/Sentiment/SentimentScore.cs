namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>Sentiment of one message: <paramref name="Score"/> in [-1, 1] (0 neutral) and its label.</summary>
public sealed record SentimentScore(double Score, SentimentLabel Label);
