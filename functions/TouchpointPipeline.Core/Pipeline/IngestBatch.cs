using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>
/// One trigger invocation's events, in delivery order, as the host handed them over. <paramref name="IsRetry"/>: the
/// host's retry of a failed attempt (<c>RetryContext.RetryCount</c> &gt; 0), whose outputs the host discarded.
/// </summary>
public sealed record IngestBatch(string FunctionName, string Hub, IReadOnlyList<RawEvent> Events, bool IsRetry = false)
{
    /// <summary>An operator's replay (of a parked batch or quarantined events): its alerts are delivered by the outbox.</summary>
    public bool IsReplay { get; init; }

    /// <summary>
    /// A replay of quarantined events: the events that still fail are handed back in
    /// <see cref="IngestResult.Rejected"/> (the replayer rewrites their record in place) instead of being written as a
    /// second quarantine record.
    /// </summary>
    public bool HandsBackRejected { get; init; }
}
