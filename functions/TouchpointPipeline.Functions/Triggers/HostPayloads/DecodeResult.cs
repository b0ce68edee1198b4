namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>Either a decoded invocation or the reason the request is not a trigger payload we can read.</summary>
internal readonly record struct DecodeResult(EventHubInvocation? Invocation, string? Error, RetryContext? Retry)
{
    public static DecodeResult Success(EventHubInvocation invocation) => new(invocation, null, invocation.Retry);

    public static DecodeResult Failure(string error, RetryContext? retry) => new(null, error, retry);
}
