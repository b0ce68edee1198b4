namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>Which parked batches to replay: all, one function's, those parked in a time range, or one by batch id (or stored name).</summary>
internal sealed record ReplayFilter(string? Function, DateTimeOffset? From, DateTimeOffset? To, string? Id)
{
    public bool Matches(string name, string functionName, string batchId, DateTimeOffset parkedAt) =>
        (Function is null || string.Equals(Function, functionName, StringComparison.Ordinal))
        && (Id is null || string.Equals(Id, batchId, StringComparison.Ordinal) || string.Equals(Id, name, StringComparison.Ordinal))
        && (From is null || parkedAt >= From)
        && (To is null || parkedAt <= To);
}
