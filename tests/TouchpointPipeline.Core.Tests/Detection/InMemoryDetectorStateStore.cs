using System.Globalization;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>A versioned in-memory state store with the port's concurrency semantics; serializes like the adapters do.</summary>
internal sealed class InMemoryDetectorStateStore : IDetectorStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (byte[] Body, long Version)> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCheck> _pending = new(StringComparer.Ordinal);

    public int Conflicts { get; private set; }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.TryGetValue(customerKey, out var s)
                ? new StoredDetectorState(DetectorStateJson.Deserialize(s.Body), s.Version.ToString(CultureInfo.InvariantCulture))
                : null);
        }
    }

    public Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var exists = _states.TryGetValue(state.CustomerKey, out var current);
            if ((etag is null && exists) || (etag is not null && (!exists || current.Version.ToString(CultureInfo.InvariantCulture) != etag)))
            {
                Conflicts++;
                return Task.FromResult(false);
            }

            _states[state.CustomerKey] = (DetectorStateJson.SerializeToUtf8Bytes(state), (exists ? current.Version : 0) + 1);
            return Task.FromResult(true);
        }
    }

    public Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _pending.TryAdd(check.Id, check);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PendingCheck>>(
                _pending.Values.Where(p => p.Deadline <= dueBy).OrderBy(p => p.Deadline).ThenBy(p => p.Id, StringComparer.Ordinal).Take(limit).ToList());
        }
    }

    public Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _pending.Remove(check.Id);
        }

        return Task.CompletedTask;
    }
}
