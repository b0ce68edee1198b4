namespace TouchpointPipeline.DevHost.Timers;

/// <summary><c>ScheduleStatus</c>: the previous occurrence (null before the first), the next one, and when this was computed.</summary>
internal sealed record ScheduleStatus(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
