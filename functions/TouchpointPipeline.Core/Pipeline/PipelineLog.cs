using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>Source-generated log messages; never payloads or customer identifiers.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{FunctionName} batch {BatchId}: {Summary}")]
    public static partial void BatchProcessed(ILogger logger, string functionName, string batchId, string summary);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{FunctionName} batch {BatchId}: quarantined {Count} event(s)")]
    public static partial void EventsQuarantined(ILogger logger, string functionName, string batchId, int count);
}
