namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Redacted text and how many items of each kind were replaced, for metrics (counts, never the values).
/// <see cref="Text"/> is the input instance itself when nothing was found.
/// </summary>
public sealed record RedactionResult(string Text, int Emails, int Phones, int Cards, int Ibans)
{
    public int Total => Emails + Phones + Cards + Ibans;
}
