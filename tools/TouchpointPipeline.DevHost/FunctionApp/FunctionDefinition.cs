namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>A function: its folder name (the invocation path, case kept), its bindings and the retry policy that applies.</summary>
internal sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings, RetryPolicy? Retry)
{
    public BindingDefinition? Trigger => Bindings.FirstOrDefault(b => b.IsIn && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public bool HasTrigger(string type) => Trigger?.IsType(type) == true;

    /// <summary>
    /// Exactly one input (an httpTrigger) and exactly one output (http): only such functions are forwarded as plain
    /// HTTP requests (docs/host-protocol.md §6, <c>IsHttpInAndOutFunction</c>).
    /// </summary>
    public bool IsHttpInAndOut =>
        Bindings.Count(b => b.IsIn) == 1 && Bindings.Count(b => b.IsOut) == 1
        && Bindings.Single(b => b.IsIn).IsType("httpTrigger") && Bindings.Single(b => b.IsOut).IsType("http");
}
