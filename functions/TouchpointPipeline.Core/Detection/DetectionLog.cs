using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.Core.Detection;

internal static partial class DetectionLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Detection raised {Count} alert(s) for batch {BatchId}")]
    public static partial void AlertsRaised(ILogger logger, int count, string batchId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Detector state changed concurrently (attempt {Attempt}); re-reading")]
    public static partial void StateConflict(ILogger logger, int attempt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Sweep: {Due} due absence check(s), {Fired} alert(s) raised, {Escalated} escalated (past due: {IsPastDue})")]
    public static partial void SweepCompleted(ILogger logger, int due, int fired, int escalated, bool isPastDue);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Sweep: pending check {CheckId} names rule {RuleId}, which is no longer loaded; dropped")]
    public static partial void UnknownRule(ILogger logger, string checkId, string ruleId);
}
