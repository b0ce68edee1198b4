using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>
/// A state store that, once armed, runs a callback right after the first state save or check write it sees (and
/// before returning to the caller): it puts another actor, e.g. a sweep, exactly between ingest's two writes.
/// </summary>
internal sealed class InterleavingDetectorStateStore(IDetectorStateStore inner) : IDetectorStateStore
{
    private Func<Task>? _between;

    /// <summary>The callback to run after the next write; it runs once, and writes it makes itself pass straight through.</summary>
    public void RunAfterNextWrite(Func<Task> between) => _between = between;

    public Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken) => inner.GetAsync(customerKey, cancellationToken);

    public async Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken)
    {
        var saved = await inner.TrySaveAsync(state, etag, cancellationToken);
        await InterleaveAsync();
        return saved;
    }

    public async Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        await inner.AddPendingAsync(check, cancellationToken);
        await InterleaveAsync();
    }

    public Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        inner.GetDuePendingAsync(dueBy, limit, cancellationToken);

    public Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken) => inner.DeletePendingAsync(check, cancellationToken);

    private async Task InterleaveAsync()
    {
        if (Interlocked.Exchange(ref _between, null) is { } between)
        {
            await between();
        }
    }
}
