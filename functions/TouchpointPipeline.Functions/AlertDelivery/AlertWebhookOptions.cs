using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// The optional alert webhook (section <c>Alerts:Webhook</c>; app settings <c>Alerts__Webhook__Url</c>,
/// <c>Alerts__Webhook__Secret</c>): every published alert is POSTed as JSON, signed with HMAC-SHA256. Off when
/// <see cref="Url"/> is empty.
/// </summary>
internal sealed class AlertWebhookOptions
{
    public const string SectionName = "Alerts:Webhook";

    /// <summary>The receiver, e.g. a Teams/Slack incoming webhook relay or a ticketing system endpoint. Empty = off.</summary>
    public Uri? Url { get; set; }

    /// <summary>The shared secret for <c>X-Touchpoint-Signature: sha256=&lt;hex HMAC of the body&gt;</c>; required with <see cref="Url"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per alert before it is given up (logged). Default 6.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; doubles per attempt up to <see cref="MaxRetryDelay"/>. Default 1 s.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-request timeout. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting for delivery; beyond this new alerts are dropped from the webhook (logged), never blocking ingestion. Default 1,000.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1_000;

    public bool Enabled => Url is not null;
}
