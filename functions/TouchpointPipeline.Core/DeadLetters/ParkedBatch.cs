namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// A whole trigger invocation that could not be processed after the host's retries: the exact request body the host
/// sent, so a replay feeds it through the same path. Parking happens instead of dropping, never in addition to
/// processing.
/// </summary>
public sealed record ParkedBatch(
    string BatchId,
    string FunctionName,
    DateTimeOffset ParkedAt,
    int Attempts,
    string FailureType,
    string FailureMessage,
    ReadOnlyMemory<byte> Payload);
