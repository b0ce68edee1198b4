using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Keeps erased people erased on the ingest path: drops an event whose customer key, customer id or anonymous id
/// (stored form) has a tombstone, before identity, timeline or detection see it, so a redelivered, retried or replayed
/// event is not stored again. The tombstones are read at most once per <see cref="CacheFor"/> per instance (not once
/// per batch); the instance that erases refreshes at once (<see cref="Invalidate"/>). Another instance may still store
/// an event of that person within that minute: running the erasure again after a minute removes it (documented in
/// docs/security-and-privacy.md).
/// </summary>
public sealed class ErasedSubjects(IErasureStore store, TombstoneKeys keys, TimeProvider time, ILogger<ErasedSubjects> logger) : IDisposable
{
    /// <summary>How long a read of the tombstones is used before it is read again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The events minus those of erased people (the same list when none is erased).</summary>
    public async Task<List<TouchpointEvent>> RemoveErasedAsync(List<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return events;
        }

        var tombstones = await GetAsync(cancellationToken);
        if (tombstones.Count == 0)
        {
            return events;
        }

        var kept = events.Where(e => !IsErased(e, tombstones)).ToList();
        if (kept.Count != events.Count)
        {
            PrivacyLog.ErasedEventsDropped(logger, events.Count - kept.Count);
        }

        return kept;
    }

    /// <summary>Forgets the cached tombstones, so this instance sees a fresh erasure at once.</summary>
    public void Invalidate() => _snapshot = null;

    public void Dispose() => _refresh.Dispose();

    private bool IsErased(TouchpointEvent e, IReadOnlyCollection<string> tombstones) =>
        tombstones.Contains(keys.For(e.CustomerKey))
        || (e.CustomerId is { } customerId && tombstones.Contains(keys.For(customerId)))
        || (e.AnonymousId is { } anonymousId && tombstones.Contains(keys.For(CustomerKeys.ForAnonymous(anonymousId))));

    private async Task<IReadOnlyCollection<string>> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } current && now - current.ReadAt < CacheFor)
        {
            return current.Tombstones;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } fresh && now - fresh.ReadAt < CacheFor)
            {
                return fresh.Tombstones;
            }

            var read = await store.GetTombstonesAsync(cancellationToken);
            _snapshot = new Snapshot(new HashSet<string>(read, StringComparer.Ordinal), now);
            return _snapshot.Tombstones;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(HashSet<string> Tombstones, DateTimeOffset ReadAt);
}
