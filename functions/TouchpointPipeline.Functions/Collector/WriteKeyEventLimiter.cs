using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// The per-key bucket counted in events (<see cref="CollectorRateLimitOptions.EventTokenLimit"/>). The request bucket
/// runs in the rate-limiting middleware before the body is read; this one is taken once the batch's size is known,
/// before any event is judged, and a refused batch costs nothing.
/// </summary>
internal sealed class WriteKeyEventLimiter(IOptions<CollectorOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
    {
        var limits = options.Value.RateLimit;
        return RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.EventTokenLimit,
            TokensPerPeriod = limits.EventTokensPerPeriod,
            ReplenishmentPeriod = limits.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    });

    /// <summary>Takes <paramref name="events"/> tokens from the key's bucket; false (and when to retry) when it has too few.</summary>
    public bool TryAcquire(WriteKeyGrant grant, int events, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(grant.Name, events);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.RateLimit.ReplenishmentPeriod;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
