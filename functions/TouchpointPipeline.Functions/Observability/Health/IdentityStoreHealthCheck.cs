using Microsoft.Extensions.Diagnostics.HealthChecks;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>Resolves an anonymous id that never exists.</summary>
internal sealed class IdentityStoreHealthCheck(IIdentityStore identities) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await identities.ResolveAsync([HealthProbe.CustomerKey], cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
