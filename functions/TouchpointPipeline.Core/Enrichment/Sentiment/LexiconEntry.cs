namespace TouchpointPipeline.Core.Enrichment.Sentiment;

/// <summary>One word or phrase of the lexicon: its valence, and its valence under negation when that is not simply flipped.</summary>
internal readonly record struct LexiconEntry(double Valence, double? NegatedValence);
