using TouchpointPipeline.Functions.Triggers.Ingest;
using TouchpointPipeline.Functions.Triggers.Sweep;

namespace TouchpointPipeline.Functions.Triggers;

/// <summary>
/// Default-payload invocations: the host POSTs <c>/{FunctionName}</c> (the function folder name, no <c>/api</c>
/// prefix) for every non-HTTP trigger (docs/host-protocol.md §2.1).
/// </summary>
internal static class TriggerEndpoints
{
    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("Triggers");
        foreach (var function in IngestFunction.All)
        {
            group.MapPost($"/{function.Name}", (HttpRequest request, IngestInvocationHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(function, request, cancellationToken))
                .WithName(function.Name);
        }

        group.MapPost($"/{SweepInvocationHandler.FunctionName}", (HttpRequest request, SweepInvocationHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken))
            .WithName(SweepInvocationHandler.FunctionName);
        return app;
    }
}
