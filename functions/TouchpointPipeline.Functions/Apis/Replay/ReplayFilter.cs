namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// Which parked batches or quarantine records to replay: all, one function's, those in a time range (parked time; a
/// quarantine record's batch time), or one by batch id or stored name (for quarantine also one event by its id).
/// </summary>
internal sealed record ReplayFilter(string? Function, DateTimeOffset? From, DateTimeOffset? To, string? Id)
{
    public bool Matches(string name, string functionName, string batchId, DateTimeOffset parkedAt) =>
        (Function is null || string.Equals(Function, functionName, StringComparison.Ordinal))
        && (Id is null || string.Equals(Id, batchId, StringComparison.Ordinal) || string.Equals(Id, name, StringComparison.Ordinal))
        && (From is null || parkedAt >= From)
        && (To is null || parkedAt <= To);
}
