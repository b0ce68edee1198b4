using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// The word lists behind <see cref="LexiconSentimentScorer"/>, parsed once from the embedded
/// <c>sentiment-lexicon.txt</c> (support-chat words, phrases, negators, boosters, emoji; its header documents the
/// format and provenance) and <c>vader-lexicon.txt</c> (VADER's 7,500 human-rated tokens, MIT), which only fills in
/// tokens the first one does not list. Kept as data so that tuning is an edit of a text file, not of code. Lookups take
/// spans, so scoring never allocates a string per word.
/// </summary>
internal sealed class SentimentLexicon
{
    public const string ResourceName = "enrichment/sentiment-lexicon.txt";

    public const string FallbackResourceName = "enrichment/vader-lexicon.txt";

    private static readonly Lazy<SentimentLexicon> Embedded = new(LoadEmbedded);

    private SentimentLexicon(
        Dictionary<string, LexiconEntry> words,
        Dictionary<string, double> phrases,
        HashSet<string> negators,
        Dictionary<string, double> intensity,
        Dictionary<int, double> emoji)
    {
        Words = words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        Phrases = phrases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        Negators = negators.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        Intensity = intensity.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        Emoji = emoji.ToFrozenDictionary();
        LongestPhrase = phrases.Count == 0 ? 0 : phrases.Keys.Max(p => p.Length);
    }

    public static SentimentLexicon Default => Embedded.Value;

    public FrozenDictionary<string, LexiconEntry>.AlternateLookup<ReadOnlySpan<char>> Words { get; }

    public FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Phrases { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Negators { get; }

    public FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Intensity { get; }

    /// <summary>Emoji by their first code point (so U+2764 matches with or without the U+FE0F variation selector).</summary>
    public FrozenDictionary<int, double> Emoji { get; }

    public int LongestPhrase { get; }

    /// <summary>
    /// Parses the lexicon format; throws <see cref="FormatException"/> naming the line on any mistake. Tokens of
    /// <paramref name="fallback"/> (same format) are added only where <paramref name="text"/> has none, so a
    /// support-chat valence wins over the general-purpose one.
    /// </summary>
    public static SentimentLexicon Parse(string text, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new Dictionary<string, LexiconEntry>(StringComparer.OrdinalIgnoreCase);
        var phrases = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var negators = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var intensity = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var emoji = new Dictionary<int, double>();
        Read(text, strict: true, words, phrases, negators, intensity, emoji);
        if (fallback is not null)
        {
            Read(fallback, strict: false, words, phrases, negators, intensity, emoji);
        }

        return new SentimentLexicon(words, phrases, negators, intensity, emoji);
    }

    private static void Read(
        string text,
        bool strict,
        Dictionary<string, LexiconEntry> words,
        Dictionary<string, double> phrases,
        HashSet<string> negators,
        Dictionary<string, double> intensity,
        Dictionary<int, double> emoji)
    {
        string? section = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Emoticons such as "[:" start with a bracket too; a section header has no tab.
            if (line[0] == '[' && line[^1] == ']' && !line.Contains('\t', StringComparison.Ordinal))
            {
                section = line.Trim('[', ']');
                continue;
            }

            var columns = line.Split('\t');
            var key = columns[0];
            var added = section switch
            {
                "valence" when columns.Length is 2 or 3 => AddValence(key, columns, words, phrases, emoji, lineNumber),
                "negation" when columns.Length == 1 => negators.Add(key),
                "intensity" when columns.Length == 2 => intensity.TryAdd(key, Number(columns[1], lineNumber)),
                _ => throw new FormatException($"Sentiment lexicon line {lineNumber}: unexpected '{line}' in section [{section}]."),
            };
            if (!added && strict)
            {
                throw new FormatException($"Sentiment lexicon line {lineNumber}: '{key}' is listed twice in [{section}].");
            }
        }
    }

    private static bool AddValence(
        string key,
        string[] columns,
        Dictionary<string, LexiconEntry> words,
        Dictionary<string, double> phrases,
        Dictionary<int, double> emoji,
        int lineNumber)
    {
        var valence = Number(columns[1], lineNumber);
        if (key.Contains(' ', StringComparison.Ordinal))
        {
            return phrases.TryAdd(key, valence);
        }

        if (Rune.GetRuneAt(key, 0).Value > 0x2000)
        {
            return emoji.TryAdd(Rune.GetRuneAt(key, 0).Value, valence);
        }

        double? negated = columns.Length == 3 ? Number(columns[2], lineNumber) : null;
        return words.TryAdd(key, new LexiconEntry(valence, negated));
    }

    private static double Number(string text, int lineNumber) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Sentiment lexicon line {lineNumber}: '{text}' is not a number.");

    private static SentimentLexicon LoadEmbedded() => Parse(ReadResource(ResourceName), ReadResource(FallbackResourceName));

    private static string ReadResource(string name)
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the Core assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
