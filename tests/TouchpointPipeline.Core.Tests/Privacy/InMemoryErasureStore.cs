using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Core.Tests.Privacy;

/// <summary>Tombstones in memory, counting reads, for the ingest-side filter's tests (erasure itself is tested on the adapters).</summary>
internal sealed class InMemoryErasureStore : IErasureStore
{
    private readonly HashSet<string> _tombstones = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public Task<ErasureCounts> EraseAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken) => Task.FromResult(ErasureCounts.None);

    public Task AddTombstonesAsync(IReadOnlyCollection<string> tombstones, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        _tombstones.UnionWith(tombstones);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyCollection<string>> GetTombstonesAsync(CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult<IReadOnlyCollection<string>>([.. _tombstones]);
    }
}
