namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>
/// The answer to a default-payload invocation (docs/host-protocol.md §7.1): <c>Outputs</c> keyed by the exact binding names,
/// <c>Logs</c> (shown under the invocation in Application Insights), <c>ReturnValue</c> always null because no
/// function has a <c>$return</c> binding. Event Hubs outputs are arrays of strings (§7.5).
/// </summary>
internal sealed record InvocationResponse(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Outputs,
    IReadOnlyList<string> Logs,
    object? ReturnValue = null);
