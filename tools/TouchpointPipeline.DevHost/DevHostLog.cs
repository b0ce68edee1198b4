namespace TouchpointPipeline.DevHost;

/// <summary>The dev host's log messages (source-generated).</summary>
internal static partial class DevHostLog
{
    [LoggerMessage(1, LogLevel.Information, "Starting the handler: {FileName} {Arguments} (in {WorkingDirectory}, FUNCTIONS_CUSTOMHANDLER_PORT={Port})")]
    public static partial void HandlerStarting(ILogger logger, string fileName, string arguments, string workingDirectory, int port);

    [LoggerMessage(2, LogLevel.Information, "Handler ready at {BaseAddress} (process {ProcessId})")]
    public static partial void HandlerReady(ILogger logger, Uri baseAddress, int? processId);

    [LoggerMessage(3, LogLevel.Information, "{Line}")]
    public static partial void HandlerStdout(ILogger logger, string line);

    [LoggerMessage(4, LogLevel.Error, "{Line}")]
    public static partial void HandlerStderr(ILogger logger, string line);

    [LoggerMessage(6, LogLevel.Information, "Handler health: every check passed ({Checks})")]
    public static partial void HandlerHealthy(ILogger logger, string checks);

    [LoggerMessage(7, LogLevel.Warning, "Handler health: {Status}: {Failing}")]
    public static partial void HandlerUnhealthy(ILogger logger, string? status, string failing);

    [LoggerMessage(5, LogLevel.Critical, "The handler exited on its own (code {ExitCode}); stopping the dev host (the real host would restart it).")]
    public static partial void HandlerExited(ILogger logger, int exitCode);

    [LoggerMessage(10, LogLevel.Information, "[{Function} {InvocationId}] {Message}")]
    public static partial void UserLog(ILogger logger, string function, Guid invocationId, string message);

    [LoggerMessage(11, LogLevel.Warning, "Executed 'Functions.{Function}' (Failed, Id={InvocationId}, attempt {Attempt}); retrying in {Delay}: {Reason}")]
    public static partial void InvocationFailedWillRetry(ILogger logger, string function, Guid invocationId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(12, LogLevel.Error, "Executed 'Functions.{Function}' (Failed, Id={InvocationId}) after {Attempts} attempt(s), no retries left: {Reason}")]
    public static partial void InvocationFailedFinally(ILogger logger, string function, Guid invocationId, int attempts, string reason);

    [LoggerMessage(20, LogLevel.Error, "{Function}: batch {Hub}/{Partition} #{First}..#{Last} failed after {Attempts} attempt(s) and is checkpointed anyway, as the Event Hubs extension does (docs/host-protocol.md §7.7); its events will not be delivered again")]
    public static partial void CheckpointAfterFailure(ILogger logger, string function, string hub, string partition, long first, long last, int attempts);

    [LoggerMessage(21, LogLevel.Warning, "{Function}: simulated crash before checkpoint on {Hub}/{Partition}; delivering again from #{From}")]
    public static partial void SimulatedCrash(ILogger logger, string function, string hub, string partition, long from);

    [LoggerMessage(30, LogLevel.Warning, "{Function}: output binding '{Binding}' of type {Type} is not supported by the dev host; its value is ignored")]
    public static partial void OutputNotSupported(ILogger logger, string function, string binding, string type);

    [LoggerMessage(31, LogLevel.Warning, "{Function}: eventHub output '{Binding}' has no eventHubName; its value is ignored")]
    public static partial void OutputWithoutHub(ILogger logger, string function, string binding);

    [LoggerMessage(32, LogLevel.Warning, "{Function}: output '{Binding}': {Warning}")]
    public static partial void OutputTrap(ILogger logger, string function, string binding, string warning);

    [LoggerMessage(40, LogLevel.Error, "{Function}: timer run failed after {Attempts} attempt(s): {Reason}")]
    public static partial void TimerRunFailed(ILogger logger, string function, int attempts, string reason);

    [LoggerMessage(50, LogLevel.Debug, "Executed 'Functions.{Function}' (Id={InvocationId}): {Method} {Path} -> {Status}")]
    public static partial void Forwarded(ILogger logger, string function, Guid invocationId, string method, PathString path, int status);

    [LoggerMessage(51, LogLevel.Error, "Executed 'Functions.{Function}' (Failed, Id={InvocationId}): the handler did not answer: {Reason}")]
    public static partial void ForwardFailed(ILogger logger, string function, Guid invocationId, string reason);

    [LoggerMessage(60, LogLevel.Information, "The demo shop is not served: {SdkPath}/demo or /dist is missing (pass --sdk <sdk/js folder>)")]
    public static partial void DemoSiteUnavailable(ILogger logger, string sdkPath);
}
