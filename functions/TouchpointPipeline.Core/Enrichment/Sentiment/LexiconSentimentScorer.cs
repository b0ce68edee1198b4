using System.Buffers;

namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// VADER-like lexicon scorer for short customer chat messages: embedded word valences (see
/// <c>sentiment-lexicon.txt</c>), negation of the next three words, intensifiers and dampeners, "but"/"however"
/// shifting weight to the clause after it, ASCII emoticons and emoji, ALL-CAPS emphasis in mixed-case text, repeated
/// <c>!</c> and <c>?</c>. The sum is normalized to [-1, 1] as <c>x / √(x² + 15)</c>. One pass, no allocation besides the
/// result, thread-safe (the lexicon is immutable). Redaction placeholders (<c>[email]</c>…) are not in the lexicon, so
/// redacted text scores as the original.
/// </summary>
public sealed class LexiconSentimentScorer : ISentimentScorer
{
    /// <summary>Scores at or above this are <see cref="SentimentLabel.Positive"/> (VADER's convention).</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>Scores at or below this are <see cref="SentimentLabel.Negative"/>.</summary>
    public const double NegativeThreshold = -0.05;

    /// <summary>Only the first this many characters are scored, so a pasted log cannot stall the hot path.</summary>
    public const int MaxLength = 2000;

    private const int Window = 3;
    private const double NegationScalar = -0.74;
    private const double CapsEmphasis = 0.733;
    private const double ExclamationEmphasis = 0.292;
    private const int MaxExclamations = 4;
    private const double QuestionEmphasis = 0.18;
    private const double MaxQuestionEmphasis = 0.96;
    private const double BeforeButWeight = 0.5;
    private const double AfterButWeight = 1.5;
    private const double NormalizationAlpha = 15;
    private const int MaxWordLength = 48;
    private const double SarcasmRestThreshold = -1.0;

    // SearchValues rather than ContainsAnyInRange, which allocates on every call in this runtime (measured).
    private static readonly SearchValues<char> LowerCaseLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    // The booster nearest the word counts fully, further ones a little less (VADER's decay).
    private static readonly double[] BoostDecay = [1.0, 0.95, 0.9];

    private readonly SentimentLexicon _lexicon;

    public LexiconSentimentScorer()
        : this(SentimentLexicon.Default)
    {
    }

    internal LexiconSentimentScorer(SentimentLexicon lexicon) => _lexicon = lexicon;

    public SentimentScore Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        if (span.Length > MaxLength)
        {
            span = span[..MaxLength];
        }

        // Caps only signal emphasis against lower-case neighbours; a message typed in all caps is just loud.
        var mixedCase = span.ContainsAny(LowerCaseLetters);
        Span<ScoredToken> recent = stackalloc ScoredToken[Window];
        var recentCount = 0;
        double sum = 0, beforeBut = 0;
        var butSeen = false;
        var exclamations = 0;
        var questions = 0;
        var words = 0;
        double leadingPraise = 0;
        Span<char> wordBuffer = stackalloc char[MaxWordLength];
        Span<char> phraseBuffer = stackalloc char[_lexicon.LongestPhrase + 1];

        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            if (start == i)
            {
                break;
            }

            var raw = span[start..i];
            exclamations += raw.Count('!');
            questions += raw.Count('?');

            if (!char.IsLetterOrDigit(raw[0]) && _lexicon.Words.TryGetValue(raw, out var emoticon))
            {
                sum += emoticon.Valence;
                recentCount = 0;
                continue;
            }

            // The word is the token between its first and last letter or digit: "(thanks!!)" is "thanks", "don't" stays.
            var wordStart = 0;
            while (wordStart < raw.Length && !char.IsLetterOrDigit(raw[wordStart]))
            {
                wordStart++;
            }

            if (wordStart == raw.Length)
            {
                recentCount = 0;
                continue;
            }

            var wordEnd = raw.Length;
            while (!char.IsLetterOrDigit(raw[wordEnd - 1]))
            {
                wordEnd--;
            }

            var word = Normalize(raw[wordStart..wordEnd], wordBuffer);

            if (!butSeen && (word.Equals("but", StringComparison.OrdinalIgnoreCase)
                || word.Equals("however", StringComparison.OrdinalIgnoreCase)))
            {
                butSeen = true;
                beforeBut = sum;
                sum = 0;
                recentCount = 0;
                continue;
            }

            var token = new ScoredToken { Start = start + wordStart, Length = wordEnd - wordStart };
            token.IsNegator = _lexicon.Negators.Contains(word);
            _lexicon.Intensity.TryGetValue(word, out token.Boost);
            if (!token.IsNegator && token.Boost == 0 && _lexicon.Words.TryGetValue(word, out var entry))
            {
                token.Contribution = Valence(entry, word, recent[..recentCount], mixedCase);
            }

            sum += ApplyPhrase(span, ref token, recent[..recentCount], phraseBuffer);
            if (words++ == 0 && token.Contribution > 0 && raw[^1] is ',' or '.' or '!')
            {
                leadingPraise = token.Contribution;
            }

            for (var k = Window - 1; k > 0; k--)
            {
                recent[k] = recent[k - 1];
            }

            recent[0] = token;
            recentCount = Math.Min(recentCount + 1, Window);

            // Negation, boosters and phrases do not reach across a clause boundary ("no worries, thanks").
            if (raw[^1] is ',' or '.' or ';' or ':' or '!' or '?')
            {
                recentCount = 0;
            }
        }

        var total = butSeen ? (beforeBut * BeforeButWeight) + (sum * AfterButWeight) : sum;
        total = Sarcasm(total, leadingPraise * (butSeen ? BeforeButWeight : 1));
        total += EmojiValence(span);
        if (total != 0)
        {
            var emphasis = Math.Min(exclamations, MaxExclamations) * ExclamationEmphasis;
            if (questions > 1)
            {
                emphasis += Math.Min(questions * QuestionEmphasis, MaxQuestionEmphasis);
            }

            total += Math.Sign(total) * emphasis;
        }

        var score = Math.Round(total / Math.Sqrt((total * total) + NormalizationAlpha), 4);
        var label = score >= PositiveThreshold ? SentimentLabel.Positive
            : score <= NegativeThreshold ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        return new SentimentScore(score, label);
    }

    /// <summary>
    /// "Great, my order is lost again." A lone word of praise opening a clearly negative message is sarcasm in support
    /// chat far more often than sincere, so it counts against the message instead of for it.
    /// </summary>
    private static double Sarcasm(double total, double leadingPraise)
    {
        var rest = total - leadingPraise;
        return leadingPraise > 0 && rest <= SarcasmRestThreshold ? rest - leadingPraise : total;
    }

    private static double Valence(LexiconEntry entry, ReadOnlySpan<char> word, ReadOnlySpan<ScoredToken> recent, bool mixedCase)
    {
        var negated = false;
        var valence = entry.Valence;
        for (var k = 0; k < recent.Length; k++)
        {
            negated |= recent[k].IsNegator;
        }

        if (negated)
        {
            valence = entry.NegatedValence ?? valence * NegationScalar;
        }

        if (valence == 0)
        {
            return 0;
        }

        var direction = Math.Sign(valence);
        for (var k = 0; k < recent.Length; k++)
        {
            valence += direction * recent[k].Boost * BoostDecay[k];
        }

        if (mixedCase && IsAllCaps(word))
        {
            valence += direction * CapsEmphasis;
        }

        return valence;
    }

    /// <summary>
    /// When the last two or three words form a listed phrase, the phrase's valence replaces what its words contributed
    /// ("thanks for nothing", "no worries"). Returns what to add to the running sum.
    /// </summary>
    private double ApplyPhrase(ReadOnlySpan<char> text, ref ScoredToken token, Span<ScoredToken> recent, Span<char> buffer)
    {
        for (var words = Math.Min(recent.Length, 2); words >= 1; words--)
        {
            var phraseStart = recent[words - 1].Start;
            var phraseLength = token.Start + token.Length - phraseStart;
            if (phraseLength > buffer.Length)
            {
                continue;
            }

            // Rebuild "w1 w2 w3" with single spaces and plain apostrophes, as the lexicon writes phrases.
            var length = 0;
            for (var k = words - 1; k >= 0; k--)
            {
                length += AppendWord(text.Slice(recent[k].Start, recent[k].Length), buffer[length..]);
                buffer[length++] = ' ';
            }

            length += AppendWord(text.Slice(token.Start, token.Length), buffer[length..]);
            if (_lexicon.Phrases.TryGetValue(buffer[..length], out var phraseValence))
            {
                var replaced = 0.0;
                for (var k = 0; k < words; k++)
                {
                    replaced += recent[k].Contribution;
                    recent[k].Contribution = 0;
                    recent[k].IsNegator = false;
                    recent[k].Boost = 0;
                }

                token.Contribution = phraseValence;
                token.IsNegator = false;
                return phraseValence - replaced;
            }
        }

        return token.Contribution;
    }

    private double EmojiValence(ReadOnlySpan<char> text)
    {
        var hasEmoji = false;
        foreach (var c in text)
        {
            if (c > '\u2000')
            {
                hasEmoji = true;
                break;
            }
        }

        if (!hasEmoji)
        {
            return 0;
        }

        double valence = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value > 0x2000 && _lexicon.Emoji.TryGetValue(rune.Value, out var v))
            {
                valence += v;
            }
        }

        return valence;
    }

    private static int AppendWord(ReadOnlySpan<char> word, Span<char> destination)
    {
        var length = Math.Min(word.Length, destination.Length);
        word[..length].CopyTo(destination);
        destination[..length].Replace('\u2019', '\'');
        return length;
    }

    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (!word.Contains('\u2019') || word.Length > buffer.Length)
        {
            return word;
        }

        word.CopyTo(buffer);
        var copy = buffer[..word.Length];
        copy.Replace('\u2019', '\'');
        return copy;
    }

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        var upper = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
        }

        return upper >= 2;
    }
}
