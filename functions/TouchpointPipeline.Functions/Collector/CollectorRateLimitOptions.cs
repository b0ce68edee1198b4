using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Two token buckets per write key, both replenished every <see cref="ReplenishmentPeriod"/>: one counted in requests
/// (batches; burst <see cref="TokenLimit"/>, then <see cref="TokensPerPeriod"/>; defaults 200 and 100 per second) and
/// one counted in events (burst <see cref="EventTokenLimit"/>, then <see cref="EventTokensPerPeriod"/>; defaults 10,000
/// and 5,000 per second), so a key cannot send 500-event batches at the request rate.
/// </summary>
internal sealed class CollectorRateLimitOptions
{
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    /// <summary>At least <see cref="CollectorOptions.MaxEvents"/> (checked at start), or a full batch could never pass.</summary>
    [Range(1, 10_000_000)]
    public int EventTokenLimit { get; set; } = 10_000;

    [Range(1, 10_000_000)]
    public int EventTokensPerPeriod { get; set; } = 5_000;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
