namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// The host could not bind the trigger value (e.g. Event Hubs with dataType unset and a body that is not JSON): the
/// invocation fails before the handler is called (docs/host-protocol.md §4.1, "hard gotcha").
/// </summary>
internal sealed class TriggerBindingException(string message, Exception inner) : Exception(message, inner);
