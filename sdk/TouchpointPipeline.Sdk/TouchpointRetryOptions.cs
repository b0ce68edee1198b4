namespace TouchpointPipeline.Sdk;

/// <summary>
/// Retries of a batch after a network error, 408, 429 or 5xx: exponential backoff with full jitter
/// (a random delay between 0 and min(<see cref="MaxDelay"/>, <see cref="Delay"/> × 2^attempt)), or exactly the server's
/// Retry-After when it sends one. 400, 401, 403 and 413 are never retried.
/// </summary>
public sealed class TouchpointRetryOptions
{
    /// <summary>Retries after the first attempt. Default 6 (7 attempts).</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>Base delay. Default 500 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the computed backoff. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap of a server's Retry-After. Default 5 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one HTTP attempt. Default 30 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
