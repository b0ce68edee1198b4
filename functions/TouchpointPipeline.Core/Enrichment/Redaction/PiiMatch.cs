namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>A validated span of personal data in the scanned text.</summary>
internal readonly record struct PiiMatch(int Start, int Length, PiiKind Kind)
{
    public int End => Start + Length;

    public bool Overlaps(int start, int length) => start < End && Start < start + length;
}
