using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>What one batch did. <c>Received = Stored + Duplicates + Quarantined</c> always holds.</summary>
public sealed record IngestResult(
    int Received,
    int Stored,
    int Duplicates,
    int Quarantined,
    IReadOnlyDictionary<string, int> QuarantinedByReason)
{
    /// <summary>Alerts to publish on the <c>alerts</c> hub: new ones, plus on a host retry those its failed attempt raised.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    /// <summary>The quarantined events themselves, only for a batch with <see cref="IngestBatch.HandsBackRejected"/>.</summary>
    public IReadOnlyList<QuarantinedEvent> Rejected { get; init; } = [];

    public string Summary
    {
        get
        {
            var reasons = QuarantinedByReason.Count == 0
                ? string.Empty
                : " (" + string.Join(", ", QuarantinedByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")) + ")";
            var alerts = Alerts.Count == 0 ? string.Empty : $"; {Alerts.Count} alerts";
            return $"{Received} received, {Stored} stored, {Duplicates} duplicates, {Quarantined} quarantined{reasons}{alerts}";
        }
    }
}
