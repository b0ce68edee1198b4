using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using TouchpointPipeline.Functions.Observability.Health;
using TouchpointPipeline.Functions.Observability.LocalMetrics;

namespace TouchpointPipeline.Functions.Observability;

/// <summary>
/// Forwarded HTTP functions <c>GetHealth</c> (<c>GET /api/health</c>, anonymous: probes and availability tests carry no
/// key; it names failing stores but shows no data) and <c>GetMetrics</c> (<c>GET /api/metrics</c>, function key like
/// every other data API: this process's metrics snapshot).
/// </summary>
internal static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservabilityEndpoints(this IEndpointRouteBuilder app)
    {
        // A route handler rather than MapHealthChecks, so the endpoint is described in the OpenAPI document like every
        // other HTTP function; status codes as MapHealthChecks gives them (Unhealthy 503, else 200), never cached.
        app.MapGet(QuietRoutes.Health, GetHealthAsync).WithName("GetHealth").WithTags("Observability");
        app.MapGet(QuietRoutes.Metrics, GetMetrics).WithName("GetMetrics").WithTags("Observability");
        return app;
    }

    public static async Task GetHealthAsync(HealthCheckService health, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(context);
        var report = await health.CheckHealthAsync(cancellationToken);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await HealthReportWriter.WriteAsync(context, report);
    }

    public static JsonHttpResult<MetricsSnapshot> GetMetrics(MetricsCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return TypedResults.Json(collector.Snapshot(), MetricsJsonContext.Default.MetricsSnapshot);
    }
}
