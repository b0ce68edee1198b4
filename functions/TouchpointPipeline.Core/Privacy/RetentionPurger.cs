using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Runs every registered <see cref="IRetentionPurge"/> at most once per <see cref="RetentionOptions.PurgeInterval"/>
/// (the sweep calls it on every tick; the purge scans tables, so not every minute).
/// </summary>
public sealed class RetentionPurger(
    IEnumerable<IRetentionPurge> purges,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurger> logger)
{
    private readonly IRetentionPurge[] _purges = purges.ToArray();
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastRun;

    /// <summary>Purges when the interval has passed since the last run; returns the records deleted (0 when not due).</summary>
    public async Task<int> PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_purges.Length == 0 || (_lastRun is { } last && now - last < options.Value.PurgeInterval))
            {
                return 0;
            }

            _lastRun = now;
        }

        var deleted = 0;
        foreach (var purge in _purges)
        {
            deleted += await purge.PurgeAsync(options.Value, now, cancellationToken);
        }

        PrivacyLog.Purged(logger, deleted);
        return deleted;
    }
}
