using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>
/// Trains <see cref="LinearSentimentModel"/>: L2-regularized logistic regression over <see cref="SentimentFeatures"/>
/// plus the lexicon score, by stochastic gradient descent in a fixed pseudo-random order, so that the same data always
/// gives the same weights. Only the public sets' <c>.dev</c> (training) halves are used; the <c>.test</c> halves are
/// never read here.
/// </summary>
internal sealed class LinearSentimentTrainer(double l2 = LinearSentimentTrainer.DefaultL2, int epochs = LinearSentimentTrainer.DefaultEpochs)
{
    public const double DefaultL2 = 3e-2;
    public const int DefaultEpochs = 40;

    /// <summary>The training files, in the order they are hashed and read.</summary>
    public static readonly string[] TrainingFiles =
        ["Data/uci-amazon.dev.tsv", "Data/uci-imdb.dev.tsv", "Data/uci-yelp.dev.tsv", "Sentiment/dev.tsv"];

    /// <summary>Our chat sentences are few against 1,500 review sentences: each is seen this many times per epoch.</summary>
    public const int ChatRepeats = 5;

    private const double LearningRate = 0.2;

    private static readonly LexiconSentimentScorer Lexicon = new();

    public static IReadOnlyList<LabelledSentence> LoadTrainingData() =>
        [.. TrainingFiles.SelectMany(file => Enumerable.Repeat(LabelledSentence.LoadFrom(Path.Combine("Enrichment", file)), file.StartsWith("Sentiment", StringComparison.Ordinal) ? ChatRepeats : 1).SelectMany(set => set))];

    /// <summary>SHA-256 of the training files' bytes, concatenated in <see cref="TrainingFiles"/> order.</summary>
    public static string TrainingDataHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in TrainingFiles)
        {
            sha.AppendData(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Enrichment", file)));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Trains on <paramref name="sentences"/> (positive or negative only) and returns the weights file text.</summary>
    public string Train(IReadOnlyList<LabelledSentence> sentences, string dataHash)
    {
        var examples = sentences.Select(Featurize).ToArray();
        var weights = new double[SentimentFeatures.Buckets];
        double bias = 0, lexicon = 0;
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var state = 0x2545F491u;
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            // Fisher-Yates with a fixed xorshift generator: the order is part of what makes retraining reproducible.
            for (var i = order.Length - 1; i > 0; i--)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var j = (int)(state % (uint)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            foreach (var index in order)
            {
                var (slots, lexiconScore, target) = examples[index];
                var rate = LearningRate / (1 + (step++ * 1e-4));
                var z = bias + (lexicon * lexiconScore);
                foreach (var slot in slots)
                {
                    z += weights[slot];
                }

                var gradient = (1 / (1 + Math.Exp(-z))) - target;
                bias -= rate * gradient;
                lexicon -= rate * gradient * lexiconScore;
                foreach (var slot in slots)
                {
                    weights[slot] -= rate * (gradient + (l2 * weights[slot]));
                }
            }
        }

        return Write(weights, bias, lexicon, dataHash, sentences.Count);
    }

    private static (int[] Slots, double Lexicon, double Target) Featurize(LabelledSentence sentence)
    {
        Span<int> slots = stackalloc int[SentimentFeatures.MaxFeatures];
        var count = SentimentFeatures.Extract(sentence.Text, slots);
        var target = sentence.Label switch
        {
            SentimentLabel.Positive => 1.0,
            SentimentLabel.Negative => 0.0,

            // A neutral sentence teaches the words that carry no opinion either way (P = ½).
            _ => 0.5,
        };
        return (slots[..count].ToArray(), Lexicon.Score(sentence.Text).Score, target);
    }

    private string Write(double[] weights, double bias, double lexicon, string dataHash, int count)
    {
        var text = new StringBuilder();
        text.AppendLine("# Weights of LinearSentimentModel: logistic regression over hashed word uni/bigrams (SentimentFeatures) plus");
        text.AppendLine("# the lexicon score. Generated, do not edit: see docs/enrichment.md#chat-sentiment for the command that retrains it.");
        text.AppendLine(CultureInfo.InvariantCulture, $"# Trained on {count} sentences: {string.Join(", ", TrainingFiles)} ");
        text.AppendLine(CultureInfo.InvariantCulture, $"# (UCI Sentiment Labelled Sentences, Kotzias et al. 2015, CC BY 4.0; our chat dev set ×{ChatRepeats}, neutral as P = 0.5).");
        text.AppendLine(CultureInfo.InvariantCulture, $"# l2={l2.ToString("R", CultureInfo.InvariantCulture)} epochs={epochs} learning-rate={LearningRate.ToString("R", CultureInfo.InvariantCulture)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"bits {SentimentFeatures.Bits}");
        text.AppendLine(CultureInfo.InvariantCulture, $"data-sha256 {dataHash}");
        text.AppendLine(CultureInfo.InvariantCulture, $"bias {Format(bias)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"lexicon {Format(lexicon)}");
        for (var slot = 0; slot < weights.Length; slot++)
        {
            var weight = (float)weights[slot];
            if (Math.Abs(weight) >= 1e-4f)
            {
                text.Append(slot.ToString(CultureInfo.InvariantCulture)).Append(' ').AppendLine(Format(weight));
            }
        }

        return text.ToString();
    }

    private static string Format(double value) => value.ToString("F5", CultureInfo.InvariantCulture);
}
