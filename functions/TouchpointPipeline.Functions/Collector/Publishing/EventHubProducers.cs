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

    public EventHubProducerClient For(string hub) =>
        _producers.GetOrAdd(hub, static (name, factory) => new Lazy<EventHubProducerClient>(() => factory(name)), create).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var producer in _producers.Values.Where(p => p.IsValueCreated))
        {
            await producer.Value.DisposeAsync();
        }
    }
}
