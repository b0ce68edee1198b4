namespace TouchpointPipeline.Functions.Collector;

internal static partial class CollectorLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Collect: key {KeyName} sent {Count} events: {Accepted} accepted, {Rejected} rejected")]
    public static partial void BatchCollected(ILogger logger, string keyName, int count, int accepted, int rejected);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Collect: publishing {Count} events for key {KeyName} failed ({Unpublished} not accepted); answered 503")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string keyName, int count, int unpublished);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Collect: " + Publishing.UnconfiguredEventPublisher.Message)]
    public static partial void PublisherNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Collector publishes through {Publisher}")]
    public static partial void PublisherChosen(ILogger logger, string publisher);
}
