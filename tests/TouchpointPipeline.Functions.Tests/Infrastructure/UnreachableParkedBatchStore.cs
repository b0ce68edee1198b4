using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>Parked-batch storage that is down as well.</summary>
internal sealed class UnreachableParkedBatchStore : IParkedBatchStore
{
    public Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken) =>
        throw new HttpRequestException("parked-batch storage unreachable (test)");

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        throw new HttpRequestException("parked-batch storage unreachable (test)");

    public Task<ParkedBatch?> ReadAsync(string name, CancellationToken cancellationToken) =>
        throw new HttpRequestException("parked-batch storage unreachable (test)");

    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        throw new HttpRequestException("parked-batch storage unreachable (test)");
}
