namespace TouchpointPipeline.Functions.Collector;

internal static partial class CollectorLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Collect: key {KeyName} sent {Count} events: {Accepted} accepted, {Rejected} rejected")]
    public static partial void BatchCollected(ILogger logger, string keyName, int count, int accepted, int rejected);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Collect: publishing {Count} events for key {KeyName} failed; answered 503")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string keyName, int count);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Collect: " + Publishing.UnconfiguredEventPublisher.Message)]
    public static partial void PublisherNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason} (fatal: {IsFatal})")]
    public static partial void KafkaError(ILogger logger, string code, string reason, bool isFatal);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Kafka producer could not get an Entra ID token for Event Hubs")]
    public static partial void TokenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Collector publishes through {Publisher}")]
    public static partial void PublisherChosen(ILogger logger, string publisher);
}
