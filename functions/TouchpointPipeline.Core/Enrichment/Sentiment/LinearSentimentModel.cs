using System.Globalization;

namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// A logistic-regression sentiment model over <see cref="SentimentFeatures"/> plus the lexicon score, read from the
/// embedded <c>sentiment-linear-weights.txt</c> (its header says which data trained it and how to retrain it). Scoring
/// is a sum of looked-up weights: no allocation, thread-safe (the weights are immutable).
/// </summary>
internal sealed class LinearSentimentModel
{
    public const string ResourceName = "enrichment/sentiment-linear-weights.txt";

    private static readonly Lazy<LinearSentimentModel> Embedded = new(LoadEmbedded);

    private readonly float[] _weights;

    private LinearSentimentModel(float[] weights, double bias, double lexiconWeight, string dataHash)
    {
        _weights = weights;
        Bias = bias;
        LexiconWeight = lexiconWeight;
        DataHash = dataHash;
    }

    public static LinearSentimentModel Default => Embedded.Value;

    public double Bias { get; }

    public double LexiconWeight { get; }

    /// <summary>SHA-256 of the training data the weights were learned from, as the weights file records it.</summary>
    public string DataHash { get; }

    /// <summary>The weight of each hash slot (tests compare a retrained model with these).</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>log(P(positive) / P(negative)) of <paramref name="text"/> whose lexicon score is <paramref name="lexiconScore"/>.</summary>
    public double Logit(ReadOnlySpan<char> text, double lexiconScore)
    {
        Span<int> slots = stackalloc int[SentimentFeatures.MaxFeatures];
        var count = SentimentFeatures.Extract(text, slots);
        var sum = Bias + (LexiconWeight * lexiconScore);
        foreach (var slot in slots[..count])
        {
            sum += _weights[slot];
        }

        return sum;
    }

    /// <summary>Parses the weights format; throws <see cref="FormatException"/> naming the line on any mistake.</summary>
    public static LinearSentimentModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = new float[SentimentFeatures.Buckets];
        double? bias = null, lexicon = null;
        string? hash = null;
        var number = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            number++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 2)
            {
                throw new FormatException($"Line {number}: expected '<name> <value>'.");
            }

            switch (parts[0])
            {
                case "bits" when parts[1] == SentimentFeatures.Bits.ToString(CultureInfo.InvariantCulture):
                    break;
                case "bits":
                    throw new FormatException($"Line {number}: the weights are for 2^{parts[1]} slots, the features use 2^{SentimentFeatures.Bits}.");
                case "data-sha256":
                    hash = parts[1];
                    break;
                case "bias":
                    bias = ParseNumber(parts[1], number);
                    break;
                case "lexicon":
                    lexicon = ParseNumber(parts[1], number);
                    break;
                default:
                    if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot >= weights.Length)
                    {
                        throw new FormatException($"Line {number}: '{parts[0]}' is not a slot below {weights.Length}.");
                    }

                    weights[slot] = (float)ParseNumber(parts[1], number);
                    break;
            }
        }

        return bias is null || lexicon is null || hash is null
            ? throw new FormatException("The weights need 'bias', 'lexicon' and 'data-sha256' lines.")
            : new LinearSentimentModel(weights, bias.Value, lexicon.Value, hash);
    }

    private static double ParseNumber(string value, int line) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new FormatException($"Line {line}: '{value}' is not a finite number.");

    private static LinearSentimentModel LoadEmbedded()
    {
        using var stream = typeof(LinearSentimentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
