using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Alerts;

/// <summary>
/// One proactive-support alert: a rule matched a customer's recent touchpoints. <see cref="Id"/> is derived from
/// (rule, customer key, incident) so every redelivery and every sweep computes the same id and the store keeps one.
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }
    public required string RuleId { get; init; }
    public required AlertSeverity Severity { get; init; }
    public required string CustomerKey { get; init; }

    /// <summary>The event that completed the pattern (or, for absence rules, the one that opened the window).</summary>
    public required string IncidentEventId { get; init; }
    public required DateTimeOffset FirstEvidenceTime { get; init; }
    public required DateTimeOffset LastEvidenceTime { get; init; }
    public required IReadOnlyList<string> EvidenceEventIds { get; init; }
    public required string Summary { get; init; }
    public required string SuggestedAction { get; init; }
    public AlertStatus Status { get; init; } = AlertStatus.Open;
    public required DateTimeOffset CreatedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Set once by the sweep when the alert stayed open past <c>Alerts:EscalateAfter</c>.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>
    /// The outbox mark: channels this version (the raise, or the escalation) has not been confirmed delivered to. Set to
    /// <see cref="AlertChannels.All"/> when the alert is raised or escalated, cleared per channel by
    /// <see cref="IAlertStore.MarkDeliveredAsync"/>. Kept by the store beside the alert, never part of its JSON.
    /// </summary>
    [JsonIgnore]
    public AlertChannels Undelivered { get; init; }

    /// <summary>The store's concurrency token for the version read; null on alerts not read from a store.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }
}
