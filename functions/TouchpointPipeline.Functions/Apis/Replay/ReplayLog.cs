namespace TouchpointPipeline.Functions.Apis.Replay;

internal static partial class ReplayLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Replay of parked batch {Name}: {Outcome} {Error}")]
    public static partial void BatchReplayed(ILogger logger, string name, string outcome, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Replay of quarantine record {Name}: {Outcome} {Error}")]
    public static partial void QuarantineReplayed(ILogger logger, string name, string outcome, string error);
}
