namespace TouchpointPipeline.Functions.AlertDelivery;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Alert webhook queue full ({Capacity}); alert {AlertId} waits in the outbox for the next sweep")]
    public static partial void Dropped(ILogger logger, string alertId, int capacity);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Alert webhook: attempt {Attempt} for alert {AlertId} failed ({Failure}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string alertId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Alert webhook: gave up on alert {AlertId} for now after {Attempts} attempts ({Failure}); the next sweep hands it over again")]
    public static partial void GaveUp(ILogger logger, string alertId, int attempts, string failure);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Alert webhook: the alert store failed around alert {AlertId}; the next sweep hands it over again")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string alertId);
}
