namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// Scores the sentiment of one customer chat message. Synchronous because the embedded
/// <see cref="LexiconSentimentScorer"/> runs per event on the hot path; a remote scorer (Azure AI Language) would
/// score asynchronously in its own stage and adapt to this port with its results.
/// </summary>
public interface ISentimentScorer
{
    /// <summary>Scores <paramref name="text"/>; already-redacted text (<c>[email]</c>, <c>[card]</c>…) is expected.</summary>
    SentimentScore Score(string text);
}
