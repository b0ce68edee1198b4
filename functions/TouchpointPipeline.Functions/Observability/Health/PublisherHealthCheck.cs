using Microsoft.Extensions.Diagnostics.HealthChecks;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>
/// Configuration only (an Event Hubs round trip per probe would cost more than it tells): without a publisher the
/// collector answers 503 while ingest still works, so the app is degraded, not down.
/// </summary>
internal sealed class PublisherHealthCheck(IEventPublisher publisher) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(publisher is UnconfiguredEventPublisher
            ? HealthCheckResult.Degraded(UnconfiguredEventPublisher.Message)
            : HealthCheckResult.Healthy(publisher.GetType().Name));
}
