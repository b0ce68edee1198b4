using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.Outputs;

/// <summary>
/// Applies a successful invocation's outputs: each <c>eventHub</c> output binding's value (<c>Outputs.&lt;name&gt;</c>
/// matched case-sensitively, or <c>ReturnValue</c> for <c>$return</c>) is appended to the hub it names. An output cannot
/// set a partition key (docs/host-protocol.md §7.5), so the events are spread round-robin. Other output types are reported, not written.
/// </summary>
internal sealed class OutputBindingWriter(EmbeddedLog log, ILogger<OutputBindingWriter> logger)
{
    public int Write(FunctionDefinition function, InvocationResponse response)
    {
        var appended = 0;
        foreach (var binding in function.Bindings.Where(b => b.IsOut && !b.IsType("http")))
        {
            var value = binding.Name == "$return" ? response.ReturnValue : response.Outputs.TryGetValue(binding.Name, out var v) ? v : null;
            if (value is not { } output)
            {
                continue;
            }

            if (!binding.IsType("eventHub"))
            {
                DevHostLog.OutputNotSupported(logger, function.Name, binding.Name, binding.Type);
                continue;
            }

            var hub = binding.GetString("eventHubName") ?? binding.GetString("path");
            if (hub is null)
            {
                DevHostLog.OutputWithoutHub(logger, function.Name, binding.Name);
                continue;
            }

            var converted = EventHubOutputConverter.Convert(output, string.Equals(binding.GetString("dataType"), "binary", StringComparison.OrdinalIgnoreCase));
            if (converted.Warning is not null)
            {
                DevHostLog.OutputTrap(logger, function.Name, binding.Name, converted.Warning);
            }

            if (converted.Bodies.Count > 0)
            {
                log.Hub(hub).Append([.. converted.Bodies.Select(body => new NewMessage(null, body))]);
                appended += converted.Bodies.Count;
            }
        }

        return appended;
    }
}
