using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using TouchpointPipeline.Simulator.Journeys;

namespace TouchpointPipeline.Simulator.Sending;

/// <summary>
/// Sends batches straight to the hubs (<c>--via eventhubs</c>) as a trusted backend does: one
/// <see cref="EventHubProducerClient"/> per hub, the events of one customer in batches with the customer key as
/// partition key (split when full, sent in order), customers concurrently. The SDK retries transient failures; a
/// batch still failing stops the run, as a collector refusing a batch does.
/// </summary>
internal sealed class EventHubsSender(string connectionString, Func<string, string> hubForChannel) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EventHubProducerClient>> _producers = new(StringComparer.Ordinal);

    public async Task<SendOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(batch.GroupBy(e => (Hub: hubForChannel(e.Channel), e.CustomerKey))
                .Select(g => SendGroupAsync(g.Key.Hub, g.Key.CustomerKey, [.. g], cancellationToken)));
        }
        catch (EventHubsException ex)
        {
            throw new SimulationException($"Event Hubs refused a batch ({ex.Reason}): {ex.Message}");
        }

        return new SendOutcome(batch.Count, 0, null, 0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var producer in _producers.Values.Where(p => p.IsValueCreated))
        {
            await producer.Value.DisposeAsync();
        }
    }

    private async Task SendGroupAsync(string hub, string partitionKey, List<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var producer = _producers.GetOrAdd(hub, name => new Lazy<EventHubProducerClient>(() => new EventHubProducerClient(connectionString, name))).Value;
        var options = new CreateBatchOptions { PartitionKey = partitionKey };
        var batch = await producer.CreateBatchAsync(options, cancellationToken);
        try
        {
            foreach (var e in events)
            {
                if (batch.TryAdd(new EventData(e.Json)))
                {
                    continue;
                }

                await producer.SendAsync(batch, cancellationToken);
                batch.Dispose();
                batch = await producer.CreateBatchAsync(options, cancellationToken);
                if (!batch.TryAdd(new EventData(e.Json)))
                {
                    throw new SimulationException($"Event {e.Id} is larger than the hub's maximum message size.");
                }
            }

            if (batch.Count > 0)
            {
                await producer.SendAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }
}
