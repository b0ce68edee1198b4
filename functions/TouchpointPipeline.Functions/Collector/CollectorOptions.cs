using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>The collector's settings (<c>Collector__…</c>). Limits default to the documented contract.</summary>
internal sealed class CollectorOptions
{
    public const string SectionName = "Collector";

    /// <summary>
    /// Write keys by name: <c>Collector__WriteKeys__&lt;name&gt;__Key</c>, <c>…__Kind</c> (required), <c>…__Sources__0</c>,
    /// optionally <c>…__Channels__0</c>, <c>…__EventTypes__0</c> and <c>…__IdentitySecret</c>. None: every request is 401.
    /// </summary>
    public Dictionary<string, WriteKeyOptions> WriteKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Browser origins allowed by CORS (<c>Collector__AllowedOrigins__0 = https://shop.example.com</c>). Default none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Largest request body in bytes. Default 1 MB (1,048,576); bigger bodies get 413.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events in one request. Default 500; more get 413.</summary>
    [Range(1, 5000)]
    public int MaxEvents { get; set; } = 500;

    /// <summary>Retry-After sent with 503 when publishing failed. Default 5 seconds.</summary>
    public TimeSpan PublishRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-write-key token buckets, in requests and in events.</summary>
    public CollectorRateLimitOptions RateLimit { get; set; } = new();
}
