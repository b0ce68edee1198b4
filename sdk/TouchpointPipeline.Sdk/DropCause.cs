namespace TouchpointPipeline.Sdk;

/// <summary>Why events did not reach the collector.</summary>
public enum DropCause
{
    /// <summary>The queue was full (<see cref="QueueFullMode.DropNewest"/>).</summary>
    QueueFull,

    /// <summary>The collector rejected the event (invalid, too large, source not allowed…); retrying cannot help.</summary>
    Rejected,

    /// <summary>Sending failed for good: a non-retryable status (400, 401, 403, 413) or retries exhausted.</summary>
    SendFailed,
}
