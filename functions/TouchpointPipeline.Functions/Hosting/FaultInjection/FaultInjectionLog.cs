namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

internal static partial class FaultInjectionLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Fault injection is on: faults are read from {PlanFile} (a drill; never in production)")]
    public static partial void Enabled(ILogger logger, string planFile);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Fault plan {PlanFile} is unreadable; keeping the previous plan")]
    public static partial void PlanUnreadable(ILogger logger, Exception exception, string planFile);
}
