namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>
/// The hashed word features of <see cref="LinearSentimentModel"/>: lower-cased word unigrams and bigrams, each hashed
/// into one of <see cref="Buckets"/> slots. A word after a negator ("not", "never", "n't"…) up to the next
/// punctuation mark is hashed as a different word, so "not good" does not count as "good". The trainer in the tests
/// calls the same code, so training and scoring can never tokenize differently.
/// </summary>
internal static class SentimentFeatures
{
    /// <summary>log2 of the number of hash slots: 2^18 keeps collisions rare for a vocabulary of a few ten thousand n-grams.</summary>
    public const int Bits = 18;

    public const int Buckets = 1 << Bits;

    /// <summary>At most this many features are taken from one text (the scorer's stack buffer).</summary>
    public const int MaxFeatures = 512;

    private const int MaxWordLength = 32;
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint NegatedSeed = 0x9E3779B9;
    private const uint BigramSeed = 0x85EBCA6B;
    private const uint StartOfText = 0xC2B2AE35;

    private static readonly string[] Negators =
        ["not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without", "hardly"];

    /// <summary>Writes the slot of every feature of <paramref name="text"/> to <paramref name="slots"/>; returns how many.</summary>
    public static int Extract(ReadOnlySpan<char> text, Span<int> slots)
    {
        Span<char> word = stackalloc char[MaxWordLength];
        var count = 0;
        var previous = StartOfText;
        var negated = false;
        var i = 0;
        while (i < text.Length && count + 2 <= slots.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or ',' or ';' or ':' or '!' or '?')
                {
                    negated = false;
                    previous = StartOfText;
                    if (c is '!')
                    {
                        slots[count++] = Slot(Hash("!", 0));
                    }
                }

                i++;
                continue;
            }

            var length = 0;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                if (length < MaxWordLength)
                {
                    word[length++] = text[i] == '’' ? '\'' : char.ToLowerInvariant(text[i]);
                }

                i++;
            }

            var token = word[..length];
            var hash = Hash(token, negated ? NegatedSeed : 0);
            slots[count++] = Slot(hash);
            slots[count++] = Slot(Combine(previous, hash));
            previous = hash;
            if (IsNegator(token))
            {
                negated = true;
            }
        }

        return count;
    }

    private static bool IsNegator(ReadOnlySpan<char> token)
    {
        if (token.EndsWith("n't", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var negator in Negators)
        {
            if (token.SequenceEqual(negator))
            {
                return true;
            }
        }

        return false;
    }

    private static uint Hash(ReadOnlySpan<char> token, uint seed)
    {
        var hash = FnvOffset ^ seed;
        foreach (var c in token)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    private static uint Combine(uint first, uint second) => ((first * BigramSeed) ^ second) * FnvPrime + BigramSeed;

    // The top bits of an FNV hash mix better than the bottom ones.
    private static int Slot(uint hash) => (int)((hash * 0x9E3779B1u) >> (32 - Bits));
}
