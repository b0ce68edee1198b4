using System.Collections.Concurrent;
using Azure.Messaging.EventHubs.Producer;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// One <see cref="EventHubProducerClient"/> per hub for the app's life: a client owns its AMQP connection and links,
/// so it is created on first use and reused by every request; all are closed when the app stops.
/// </summary>
internal sealed class EventHubProducers(Func<string, EventHubProducerClient> create) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EventHubProducerClient>> _producers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<string[]>> _partitionIds = new(StringComparer.Ordinal);

    public EventHubProducerClient For(string hub) =>
        _producers.GetOrAdd(hub, static (name, factory) => new Lazy<EventHubProducerClient>(() => factory(name)), create).Value;

    /// <summary>
    /// The hub's partition ids, read once (a <c>$management</c> round trip) and kept: partitions are fixed on the
    /// Standard tier. A failed read is not kept, so the next request asks again.
    /// </summary>
    public async Task<string[]> PartitionIdsAsync(string hub, CancellationToken cancellationToken)
    {
        var read = _partitionIds.GetOrAdd(hub, name => For(name).GetPartitionIdsAsync(CancellationToken.None));
        try
        {
            return await read.WaitAsync(cancellationToken);
        }
        catch (Exception) when (read.IsFaulted || read.IsCanceled)
        {
            _partitionIds.TryRemove(new KeyValuePair<string, Task<string[]>>(hub, read));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var producer in _producers.Values.Where(p => p.IsValueCreated))
        {
            await producer.Value.DisposeAsync();
        }
    }
}
