using System.Text.Json;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>A successful default-payload response (docs/host-protocol.md §7.1): outputs by exact binding name, logs, return value.</summary>
internal sealed record InvocationResponse(IReadOnlyDictionary<string, JsonElement> Outputs, IReadOnlyList<string> Logs, JsonElement? ReturnValue);
