using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>Counts the calls detection makes on the state store (each is one round trip on Cosmos DB) and passes them on.</summary>
internal sealed class CountingDetectorStateStore(IDetectorStateStore inner) : IDetectorStateStore
{
    private int _reads;
    private int _batchReads;
    private int _saves;
    private int _pendingWrites;

    public int Reads => _reads;

    public int BatchReads => _batchReads;

    public int Saves => _saves;

    public int PendingWrites => _pendingWrites;

    public Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(customerKey, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, StoredDetectorState>> GetManyAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batchReads);
        return inner.GetManyAsync(customerKeys, cancellationToken);
    }

    public Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _saves);
        return inner.TrySaveAsync(state, etag, cancellationToken);
    }

    public Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pendingWrites);
        return inner.AddPendingAsync(check, cancellationToken);
    }

    public Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        inner.GetDuePendingAsync(dueBy, limit, cancellationToken);

    public Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken) => inner.DeletePendingAsync(check, cancellationToken);
}
