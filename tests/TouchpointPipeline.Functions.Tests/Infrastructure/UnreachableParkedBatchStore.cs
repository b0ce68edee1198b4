using TouchpointPipeline.Core.Parking;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>Parking storage that is down as well.</summary>
internal sealed class UnreachableParkedBatchStore : IParkedBatchStore
{
    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        throw new HttpRequestException("parking storage unreachable (test)");
}
