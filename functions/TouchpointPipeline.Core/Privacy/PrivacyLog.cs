using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>Source-generated log messages; counts only, never an identifier of the person concerned.</summary>
internal static partial class PrivacyLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Retention purge deleted {Count} record(s)")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Erased a data subject: {Summary}")]
    public static partial void Erased(ILogger logger, string summary);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Dropped {Count} event(s) of erased data subjects")]
    public static partial void ErasedEventsDropped(ILogger logger, int count);
}
