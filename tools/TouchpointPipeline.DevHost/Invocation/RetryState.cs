namespace TouchpointPipeline.DevHost.Invocation;

/// <summary><c>Metadata.RetryContext</c>: the attempt's retry count, the policy's maximum and the previous failure.</summary>
internal sealed record RetryState(int RetryCount, int MaxRetryCount, FailureInfo? PreviousFailure);
