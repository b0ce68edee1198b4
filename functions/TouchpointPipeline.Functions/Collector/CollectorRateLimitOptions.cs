using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Token bucket per write key, counted in requests (batches): a key may burst <see cref="TokenLimit"/> requests and
/// then sustain <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>. Defaults: 200 burst, 100 per second.
/// </summary>
internal sealed class CollectorRateLimitOptions
{
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
