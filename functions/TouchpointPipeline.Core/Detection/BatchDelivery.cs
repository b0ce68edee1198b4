namespace TouchpointPipeline.Core.Detection;

/// <summary>How a batch reached detection; decides what happens to alerts an earlier invocation of the same batch raised.</summary>
public enum BatchDelivery
{
    /// <summary>A host invocation with <c>RetryCount</c> 0: new, or redelivered because the host never checkpointed it.</summary>
    First,

    /// <summary>A host retry of a failed attempt, whose outputs the host dropped.</summary>
    Retry,

    /// <summary>An operator's replay of a parked batch or of quarantined events; delivery is left to the outbox.</summary>
    Replay,
}
