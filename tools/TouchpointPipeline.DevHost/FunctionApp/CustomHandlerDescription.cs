namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>host.json <c>customHandler.description</c> (docs/host-protocol.md §8.1): how the host starts the handler process.</summary>
internal sealed record CustomHandlerDescription(
    string DefaultExecutablePath,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory,
    string? DefaultWorkerPath,
    IReadOnlyList<string> WorkerArguments,
    string? WorkerDirectory);
