namespace TouchpointPipeline.Functions.AlertDelivery;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Alert webhook queue full ({Capacity}); alert {AlertId} not sent to the webhook (it is stored and on the alerts hub)")]
    public static partial void Dropped(ILogger logger, string alertId, int capacity);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Alert webhook: attempt {Attempt} for alert {AlertId} failed ({Failure}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string alertId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Alert webhook: gave up on alert {AlertId} after {Attempts} attempts ({Failure})")]
    public static partial void GaveUp(ILogger logger, string alertId, int attempts, string failure);
}
