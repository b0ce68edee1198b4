using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// How long each kind of record is kept (section <see cref="SectionName"/>, app settings <c>Retention__TimelineDays</c>
/// etc.), validated at start. Cosmos DB applies them as container TTLs (counted from an item's last write), Blob
/// Storage as lifecycle rules (Bicep), and the embedded stores (SQLite, local dead-letter folders) through the purge the
/// <c>SweepPatterns</c> timer runs at most once per <see cref="PurgeInterval"/>.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Longest retention Cosmos DB accepts as a TTL in seconds (int32).</summary>
    public const int MaxDays = 24_855;

    /// <summary>Timeline items; default 395 days (13 months: a year of history plus a month to compare with).</summary>
    [Range(1, MaxDays)]
    public int TimelineDays { get; set; } = 395;

    /// <summary>Alerts, counted from their last change (creation, acknowledge, resolve, escalation); default 395 days.</summary>
    [Range(1, MaxDays)]
    public int AlertDays { get; set; } = 395;

    /// <summary>Identity links and refused links, counted from the link; default 395 days, like the timelines they merge.</summary>
    [Range(1, MaxDays)]
    public int IdentityLinkDays { get; set; } = 395;

    /// <summary>
    /// Detector state and pending absence checks, counted from the last write; default 30 days, longer than any rule
    /// window, so a customer inactive that long starts with an empty state.
    /// </summary>
    [Range(1, MaxDays)]
    public int DetectorStateDays { get; set; } = 30;

    /// <summary>Quarantined events (<c>quarantine/</c>); default 30 days to fix and replay them.</summary>
    [Range(1, MaxDays)]
    public int QuarantineDays { get; set; } = 30;

    /// <summary>Parked batches (<c>parked/</c>); default 30 days to replay them with <c>ReplayParked</c>.</summary>
    [Range(1, MaxDays)]
    public int ParkedDays { get; set; } = 30;

    /// <summary>
    /// Erasure tombstones (a salted hash of each erased key, never the id itself); default 400 days. Must outlive every
    /// place an erased person's events can come back from (Event Hubs retention, parked and quarantined records).
    /// </summary>
    [Range(1, MaxDays)]
    public int TombstoneDays { get; set; } = 400;

    /// <summary>How often the sweep runs the purge of the embedded stores; default 1 hour.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The days as a Cosmos DB TTL in seconds.</summary>
    public static int Seconds(int days) => checked(days * 86_400);
}
