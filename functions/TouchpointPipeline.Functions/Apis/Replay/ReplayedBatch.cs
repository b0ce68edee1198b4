namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// One parked batch's replay: <c>replayed</c> (processed, then deleted from the parked store) with the ingest counts,
/// or <c>failed</c> with the error (the batch stays parked).
/// </summary>
internal sealed record ReplayedBatch(
    string Name,
    string BatchId,
    string FunctionName,
    string Outcome,
    int Received,
    int Stored,
    int Duplicates,
    int Quarantined,
    string? Error)
{
    public const string Replayed = "replayed";
    public const string Failed = "failed";
}
