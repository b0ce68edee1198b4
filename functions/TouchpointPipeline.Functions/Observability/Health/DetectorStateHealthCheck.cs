using Microsoft.Extensions.Diagnostics.HealthChecks;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>Reads the detector state of a customer key that never exists (a point read).</summary>
internal sealed class DetectorStateHealthCheck(IDetectorStateStore states) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await states.GetAsync(HealthProbe.CustomerKey, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
