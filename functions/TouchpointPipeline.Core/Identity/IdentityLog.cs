using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.Core.Identity;

internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "customer.identified event {EventId} not linked: {Outcome} (the earliest links are kept)")]
    public static partial void LinkRefused(ILogger logger, string eventId, string outcome);
}
