namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>
/// A timer trigger invocation (docs/host-protocol.md §5): <c>Data.&lt;binding&gt;</c> is a TimerInfo object. Only
/// <see cref="IsPastDue"/> matters to us; <see cref="ScheduledNext"/> is informative and absent when
/// <c>ScheduleStatus</c> is null (schedule monitor off).
/// </summary>
internal sealed record TimerInvocation(bool IsPastDue, DateTimeOffset? ScheduledNext);
