using Microsoft.Extensions.Diagnostics.HealthChecks;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>Lists at most one alert of a customer key that never exists.</summary>
internal sealed class AlertStoreHealthCheck(IAlertStore alerts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await alerts.ListAsync(new AlertQuery(CustomerKey: HealthProbe.CustomerKey, Limit: 1), cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
