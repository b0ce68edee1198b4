namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>How an invocation ended after all its attempts: the successful response, or the last failure.</summary>
internal sealed record InvocationResult(int Attempts, InvocationResponse? Response, FailureInfo? LastFailure)
{
    public bool Succeeded => Response is not null;
}
