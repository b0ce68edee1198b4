namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>
/// The fault-injection drill (section <c>FaultInjection</c>; app setting <c>FaultInjection__PlanFile</c>). Off unless
/// <see cref="PlanFile"/> is set: then the timeline store and the <c>SweepPatterns</c> answer are wrapped in decorators
/// that fail as the plan file says, re-read while the app runs, so a drill switches faults on and off without a
/// restart (and a restarted handler picks up the same plan). For local and staging drills; never set it in production.
/// </summary>
internal sealed class FaultInjectionOptions
{
    public const string SectionName = "FaultInjection";

    /// <summary>A JSON file shaped like <see cref="FaultPlan"/>. A missing file means no faults.</summary>
    public string? PlanFile { get; set; }

    /// <summary>Every injected fault is appended here as one line (<c>kind</c>, time); default <c>&lt;PlanFile&gt;.log</c>.</summary>
    public string? LogFile { get; set; }

    /// <summary>How long a read plan is used before the file is read again (0: on every call). Default 200 ms.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
