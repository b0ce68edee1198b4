namespace TouchpointPipeline.Functions.Triggers.Ingest;

internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "{FunctionName} invocation {InvocationId} failed on attempt {Attempt}; the host will retry it")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, string functionName, string? invocationId, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "{FunctionName} invocation {InvocationId}: batch {BatchId} parked for replay after {Attempts} attempt(s): {Reason}")]
    public static partial void BatchParked(ILogger logger, string functionName, string? invocationId, string batchId, int attempts, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Critical, Message = "{FunctionName} invocation {InvocationId}: batch {BatchId} could not be parked; failing so the host retries")]
    public static partial void ParkingFailed(ILogger logger, Exception exception, string functionName, string? invocationId, string batchId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Critical, Message = "{FunctionName} invocation {InvocationId}: the body is larger than {MaxBytes} bytes; refused (the host keeps the batch)")]
    public static partial void PayloadTooLarge(ILogger logger, string functionName, string? invocationId, int maxBytes);
}
