namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>How many values of each kind were redacted from one event's free-text fields.</summary>
internal struct RedactionCounts
{
    public int Emails;
    public int Phones;
    public int Cards;
    public int Ibans;

    public readonly int Total => Emails + Phones + Cards + Ibans;

    public void Add(RedactionResult result)
    {
        Emails += result.Emails;
        Phones += result.Phones;
        Cards += result.Cards;
        Ibans += result.Ibans;
    }
}
