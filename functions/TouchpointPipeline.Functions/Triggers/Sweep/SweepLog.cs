namespace TouchpointPipeline.Functions.Triggers.Sweep;

internal static partial class SweepLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "SweepPatterns: unreadable timer payload: {Error}")]
    public static partial void InvalidPayload(ILogger logger, string error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "SweepPatterns failed; the next tick retries")]
    public static partial void Failed(ILogger logger, Exception exception);
}
