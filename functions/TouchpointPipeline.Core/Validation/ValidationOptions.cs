using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Core.Validation;

/// <summary>Limits applied to every incoming event before it can enter a timeline.</summary>
public sealed class ValidationOptions
{
    public const string SectionName = "Validation";

    /// <summary>Largest accepted event body in bytes (UTF-8). Default 32 KB; bigger events are quarantined as <c>too_large</c>.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>How far <c>time</c> may lie before the received time. Default 3 days; older events are quarantined as <c>late</c>.</summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How far <c>time</c> may lie after the received time (clock skew). Default 1 hour; else <c>future</c>.</summary>
    public TimeSpan MaxFuture { get; set; } = TimeSpan.FromHours(1);
}
