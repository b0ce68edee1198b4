using Microsoft.Extensions.Diagnostics.HealthChecks;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>Reads one page of a customer key that never exists: a round trip to the timeline store, nothing written.</summary>
internal sealed class TimelineStoreHealthCheck(ITimelineStore timelines) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await timelines.GetPageAsync(HealthProbe.CustomerKey, new TimelineQuery(1, null), cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
