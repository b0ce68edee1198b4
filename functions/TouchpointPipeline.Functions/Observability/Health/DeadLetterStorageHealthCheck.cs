using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>
/// The dead-letter stores are write-only ports, so this looks at what they write to: in Blob Storage both containers
/// must exist (Bicep creates them; a missing one means the wrong account or a missing role), locally the data folder
/// must be creatable.
/// </summary>
internal sealed class DeadLetterStorageHealthCheck(IOptions<DeadLetterStorageOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.UsesBlobStorage)
        {
            Directory.CreateDirectory(settings.DataPath);
            return HealthCheckResult.Healthy("local folders");
        }

        var blobs = services.GetRequiredService<BlobServiceClient>();
        foreach (var name in new[] { settings.QuarantineContainer, settings.ParkedContainer })
        {
            if (!await blobs.GetBlobContainerClient(name).ExistsAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"container '{name}' does not exist");
            }
        }

        return HealthCheckResult.Healthy("blob containers");
    }
}
