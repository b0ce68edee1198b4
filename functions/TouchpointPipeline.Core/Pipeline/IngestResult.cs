namespace TouchpointPipeline.Core.Pipeline;

/// <summary>What one batch did. <c>Received = Stored + Duplicates + Quarantined</c> always holds.</summary>
public sealed record IngestResult(
    int Received,
    int Stored,
    int Duplicates,
    int Quarantined,
    IReadOnlyDictionary<string, int> QuarantinedByReason)
{
    public string Summary
    {
        get
        {
            var reasons = QuarantinedByReason.Count == 0
                ? string.Empty
                : " (" + string.Join(", ", QuarantinedByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")) + ")";
            return $"{Received} received, {Stored} stored, {Duplicates} duplicates, {Quarantined} quarantined{reasons}";
        }
    }
}
