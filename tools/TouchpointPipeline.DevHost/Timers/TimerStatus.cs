namespace TouchpointPipeline.DevHost.Timers;

/// <summary>A timer function's state for <c>GET /_devhost/status</c>.</summary>
internal sealed record TimerStatus(string Function, string Schedule, DateTimeOffset? Next, DateTimeOffset? LastRun, long Runs, long FailedRuns, long Retries);
