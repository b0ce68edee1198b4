using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
        app.MapHealthChecks(QuietRoutes.Health, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
            .WithName("GetHealth").WithTags("Observability");
        app.MapGet(QuietRoutes.Metrics, GetMetrics).WithName("GetMetrics").WithTags("Observability");
        return app;
    }

    public static JsonHttpResult<MetricsSnapshot> GetMetrics(MetricsCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return TypedResults.Json(collector.Snapshot(), MetricsJsonContext.Default.MetricsSnapshot);
    }
}
