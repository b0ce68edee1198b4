namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>
/// Fails a <c>SweepPatterns</c> invocation after it ran: the sweep saved its alerts and state, then its answer is
/// replaced by a 500, so the host drops the <c>alerts</c> output (docs/host-protocol.md §7.5), as when the process dies
/// before outputs flush. What the outbox must recover from. Added as a startup filter so the app's pipeline is unchanged.
/// </summary>
internal sealed class SweepFaultStartupFilter(FaultPlanSource faults) : IStartupFilter
{
    private const string SweepPath = "/SweepPatterns";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Equals(SweepPath, StringComparison.OrdinalIgnoreCase))
            {
                await nextMiddleware(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (context.Response.StatusCode == StatusCodes.Status200OK && faults.Draw(FaultKinds.SweepFailAfterSave, p => p.SweepFailAfterSaveRate))
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentLength = null;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Fault injected: the sweep failed after saving.", context.RequestAborted);
                return;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        next(app);
    };
}
