namespace TouchpointPipeline.Functions.AlertDelivery;

internal static partial class AlertDeliveryLog
{
    [LoggerMessage(EventId = 4211, Level = LogLevel.Warning, Message = "Alert outbox: {Count} alerts still marked undelivered are delivered again")]
    public static partial void Redelivering(ILogger logger, int count);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "Alert outbox: marking {Count} alerts delivered to the hub failed; the sweep delivers them again")]
    public static partial void MarkFailed(ILogger logger, Exception exception, int count);
}
