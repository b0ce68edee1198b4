namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// One attempt of an invocation. <see cref="Retry"/> is null when no retry policy applies (then the host sends no
/// <c>RetryContext</c>); otherwise it is sent on every attempt, with <c>RetryCount</c> 0 on the first (docs/host-protocol.md §3).
/// </summary>
internal sealed record InvocationAttempt(Guid InvocationId, DateTimeOffset UtcNow, Guid RandGuid, RetryState? Retry);
