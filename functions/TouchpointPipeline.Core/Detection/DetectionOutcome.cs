using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// What evaluating one customer produced: the state to write back, alerts to create (new to the state), absence
/// checks to index, and ids of alerts an earlier invocation of the same batch raised (to publish again on a retry, to
/// re-mark as undelivered to the hub on a redelivery).
/// </summary>
internal sealed record DetectionOutcome(
    DetectorState State,
    bool StateChanged,
    IReadOnlyList<Alert> NewAlerts,
    IReadOnlyList<PendingCheck> NewPending,
    IReadOnlyList<string> Republish);
