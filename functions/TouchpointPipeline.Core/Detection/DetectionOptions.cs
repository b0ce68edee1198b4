using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Core.Detection;

/// <summary>Detection settings (section <c>Detection</c>), validated at start together with the rule files.</summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    /// <summary>The folder of <c>*.json</c> rule files. Default: <c>rules</c> next to the app (the shipped defaults).</summary>
    public string? RulesPath { get; set; }

    /// <summary>
    /// How long past its longest rule window an event stays in detector state, so events arriving a little late still
    /// meet their partners. Default 1 hour.
    /// </summary>
    public TimeSpan RetentionSlack { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hard cap on events kept per customer (newest kept): bounds the cost per event. Default 500.</summary>
    [Range(10, 100_000)]
    public int MaxEventsPerCustomer { get; set; } = 500;

    /// <summary>An absence window is judged this long after its deadline, so a closing event in flight can still land. Default 2 minutes.</summary>
    public TimeSpan AbsenceGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Customers of one batch evaluated in parallel. Default 8.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Pending checks and escalations handled per sweep run. Default 500.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 500;

    public string ResolvedRulesPath => Path.GetFullPath(RulesPath is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "rules"), AppContext.BaseDirectory);
}
