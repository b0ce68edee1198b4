namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// The quarantined events of one trigger batch. <paramref name="BatchId"/> is derived from the batch's positions, so
/// a redelivered batch has the same id and the store writes it once.
/// </summary>
public sealed record QuarantineBatch(
    string BatchId,
    string FunctionName,
    string Hub,
    DateTimeOffset BatchTime,
    IReadOnlyList<QuarantinedEvent> Events);
