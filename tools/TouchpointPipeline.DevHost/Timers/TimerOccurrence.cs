namespace TouchpointPipeline.DevHost.Timers;

/// <summary>One timer run: the schedule status it reports (null when <c>useMonitor</c> is false) and whether it is late.</summary>
internal sealed record TimerOccurrence(ScheduleStatus? Status, bool IsPastDue);
