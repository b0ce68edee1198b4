namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>The AMQP listener's log messages (source-generated; event ids 70–79).</summary>
internal static partial class AmqpLog
{
    [LoggerMessage(70, LogLevel.Information, "Event Hubs (AMQP) listening on 127.0.0.1:{Port}")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(71, LogLevel.Warning, "AMQP connection failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string reason);

    [LoggerMessage(72, LogLevel.Warning, "AMQP transfer to hub {Hub} rejected ({Condition}): {Reason}")]
    public static partial void TransferRejected(ILogger logger, string hub, string condition, string reason);
}
