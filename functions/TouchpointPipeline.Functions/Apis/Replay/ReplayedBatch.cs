namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// One parked batch's or quarantine record's replay: <c>replayed</c> with the ingest counts (a parked batch is then
/// deleted; a quarantine record keeps only the events that still fail, counted in <see cref="Quarantined"/>), or
/// <c>failed</c> with the error (the batch or record stays as it was).
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
