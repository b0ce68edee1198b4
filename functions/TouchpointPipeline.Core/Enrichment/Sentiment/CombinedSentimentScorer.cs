namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// The lexicon scorer and a linear classifier trained on public review sentences, combined on the lexicon's scale: a
/// score in [-1, 1] with the same neutral band (<see cref="LexiconSentimentScorer.NegativeThreshold"/> …
/// <see cref="LexiconSentimentScorer.PositiveThreshold"/>), so thresholds on the score keep their meaning. The
/// classifier's opinion is <c>2·P(positive) − 1</c>. Where the lexicon finds an opinion, its score stands when the
/// classifier agrees on the sign and the classifier's opinion replaces it when not; where it finds none (a sentence such as "it broke after a week") the
/// classifier alone decides, and only when it is at least <see cref="NoWordConfidence"/> sure, so a plain question
/// stays neutral. Thread-safe, no allocation besides the result.
/// </summary>
public sealed class CombinedSentimentScorer : ISentimentScorer
{
    /// <summary>How sure (|2·P − 1|) the classifier must be to call a sentence without sentiment words.</summary>
    public const double NoWordConfidence = 0.6;

    private readonly LexiconSentimentScorer _lexicon;
    private readonly LinearSentimentModel _model;
    private readonly double _noWordConfidence;
    private readonly bool _questionsNeutral;

    private static readonly string[] QuestionWords =
    [
        "what", "when", "where", "which", "who", "why", "how", "can", "could", "do", "does", "did", "is", "are", "will",
        "would", "should", "may",
    ];

    public CombinedSentimentScorer()
        : this(new LexiconSentimentScorer(), LinearSentimentModel.Default, NoWordConfidence, questionsNeutral: true)
    {
    }

    internal CombinedSentimentScorer(LexiconSentimentScorer lexicon, LinearSentimentModel model, double noWordConfidence, bool questionsNeutral)
    {
        _questionsNeutral = questionsNeutral;
        _lexicon = lexicon;
        _model = model;
        _noWordConfidence = noWordConfidence;
    }

    public SentimentScore Score(string text)
    {
        var lexicon = _lexicon.Score(text);
        var span = text.AsSpan();
        if (span.Length > LexiconSentimentScorer.MaxLength)
        {
            span = span[..LexiconSentimentScorer.MaxLength];
        }

        var opinion = Math.Tanh(_model.Logit(span, lexicon.Score) / 2);
        double score;
        if (lexicon.Label == SentimentLabel.Neutral)
        {
            // Reviews state facts ("it broke after a week"); customers without a feeling word mostly ask questions.
            score = Math.Abs(opinion) >= _noWordConfidence && !(_questionsNeutral && IsQuestion(span)) ? opinion : 0;
        }
        else
        {
            // Agreeing on the sign, the lexicon's score stands, so rule thresholds (-0.5 for a negative chat) keep the
            // meaning they were set with; disagreeing, the classifier (right more often on held-out data) decides.
            score = Math.Sign(opinion) == Math.Sign(lexicon.Score) ? lexicon.Score : opinion;
        }

        return new SentimentScore(score, Label(score));
    }

    private static bool IsQuestion(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (text[^1] == '?')
        {
            return true;
        }

        var end = 0;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var first = text[..end];
        foreach (var word in QuestionWords)
        {
            if (first.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static SentimentLabel Label(double score) => score >= LexiconSentimentScorer.PositiveThreshold
        ? SentimentLabel.Positive
        : score <= LexiconSentimentScorer.NegativeThreshold ? SentimentLabel.Negative : SentimentLabel.Neutral;
}
