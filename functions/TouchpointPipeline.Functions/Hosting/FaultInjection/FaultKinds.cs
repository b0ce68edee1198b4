namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>The names an injected fault is logged under (the plan file's log, one per line).</summary>
internal static class FaultKinds
{
    public const string TimelineFailure = "timeline-failure";
    public const string TimelineDown = "timeline-down";
    public const string TimelineBug = "timeline-bug";
    public const string SweepFailAfterSave = "sweep-fail-after-save";
}
