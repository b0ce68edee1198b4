namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>
/// <c>Metadata.RetryContext</c> (docs/host-protocol.md §3): present on every attempt once a retry policy applies, with
/// <c>RetryCount</c> 0 on the first. <c>MaxRetryCount</c> -1 means the host retries forever.
/// </summary>
internal sealed record RetryContext(int RetryCount, int MaxRetryCount)
{
    /// <summary>
    /// True when the host will not call again with this batch if this attempt fails: the host checkpoints a failed
    /// batch after its last retry (§7.7), so this attempt must park the batch instead of failing. With no retry
    /// context at all there is no retry policy, and the first failure is already the last.
    /// </summary>
    public static bool IsFinalAttempt(RetryContext? context) =>
        context is null || (context.MaxRetryCount >= 0 && context.RetryCount >= context.MaxRetryCount);
}
