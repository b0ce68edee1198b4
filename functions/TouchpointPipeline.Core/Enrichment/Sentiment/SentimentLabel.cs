namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>Three-class label of a message, as Azure AI Language reports it per sentence.</summary>
public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}
