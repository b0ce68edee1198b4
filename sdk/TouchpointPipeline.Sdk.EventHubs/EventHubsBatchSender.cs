using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace TouchpointPipeline.Sdk.EventHubs;

/// <summary>
/// Sends one <see cref="TouchpointClient"/> batch straight to the hubs: the events of one hub and one customer key go
/// in <see cref="EventDataBatch"/>es created with that key as partition key (as the collector does, so a customer
/// lands on the same partition whoever sent the event), filled with <c>TryAdd</c> and sent in order; different keys are
/// sent concurrently. The SDK's own retries (from <see cref="TouchpointClientOptions.Retry"/>) cover transient
/// failures and dropped connections; events whose batch still fails are reported dropped, the others delivered.
/// </summary>
internal sealed class EventHubsBatchSender(EventHubsTouchpointClientOptions options, Func<string, EventHubProducerClient> create) : IBatchSender
{
    private readonly ConcurrentDictionary<string, Lazy<EventHubProducerClient>> _producers = new(StringComparer.Ordinal);

    public async Task<BatchOutcome> SendAsync(IReadOnlyList<QueuedEvent> batch, CancellationToken cancellationToken)
    {
        var failed = new ConcurrentQueue<(QueuedEvent Event, string Reason, Exception Error)>();
        var groups = batch.GroupBy(e => (Hub: options.HubFor(e.Event.Channel), Key: CustomerKey(e.Event)));
        await Task.WhenAll(groups.Select(g => SendGroupAsync(g.Key.Hub, g.Key.Key, [.. g], failed, cancellationToken))).ConfigureAwait(false);
        if (failed.IsEmpty)
        {
            return BatchOutcome.Delivered;
        }

        return new BatchOutcome(
            DropCause.SendFailed, [.. failed.Select(f => new DroppedEvent(f.Event.Event, f.Reason, null, f.Error.Message))], null, failed.First().Error);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var producer in _producers.Values.Where(p => p.IsValueCreated))
        {
            await producer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The pipeline's customer key: the customer id, else <c>anon:</c> + the anonymous id.</summary>
    internal static string CustomerKey(TouchpointEvent e) => e.CustomerId ?? "anon:" + e.AnonymousId;

    internal static EventHubsRetryOptions RetryOptions(TouchpointRetryOptions retry) => new()
    {
        Mode = EventHubsRetryMode.Exponential,
        MaximumRetries = Math.Clamp(retry.MaxRetries, 0, 100),
        Delay = TimeSpan.FromTicks(Math.Clamp(retry.Delay.Ticks, TimeSpan.TicksPerMillisecond, TimeSpan.FromMinutes(5).Ticks)),
        MaximumDelay = retry.MaxDelay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : retry.MaxDelay,
        TryTimeout = TimeSpan.FromTicks(Math.Clamp(retry.NetworkTimeout.Ticks, TimeSpan.TicksPerSecond, TimeSpan.FromHours(1).Ticks)),
    };

    private EventHubProducerClient Producer(string hub) =>
        _producers.GetOrAdd(hub, static (name, factory) => new Lazy<EventHubProducerClient>(() => factory(name)), create).Value;

    private async Task SendGroupAsync(
        string hub, string partitionKey, List<QueuedEvent> events, ConcurrentQueue<(QueuedEvent, string, Exception)> failed, CancellationToken cancellationToken)
    {
        var settled = 0;
        try
        {
            var producer = Producer(hub);
            var batchOptions = new CreateBatchOptions { PartitionKey = partitionKey };
            var batch = await producer.CreateBatchAsync(batchOptions, cancellationToken).ConfigureAwait(false);
            try
            {
                var inBatch = 0;
                foreach (var e in events)
                {
                    if (batch.TryAdd(Data(e)))
                    {
                        inBatch++;
                        continue;
                    }

                    if (inBatch > 0)
                    {
                        await producer.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                        settled += inBatch;
                        inBatch = 0;
                        batch.Dispose();
                        batch = await producer.CreateBatchAsync(batchOptions, cancellationToken).ConfigureAwait(false);
                        if (batch.TryAdd(Data(e)))
                        {
                            inBatch++;
                            continue;
                        }
                    }

                    throw new EventHubsException(false, hub, $"An event is larger than the hub's maximum message size ({batch.MaximumSizeInBytes} bytes).", EventHubsException.FailureReason.MessageSizeExceeded);
                }

                if (inBatch > 0)
                {
                    await producer.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                batch.Dispose();
            }
        }
        catch (Exception ex) when (ex is EventHubsException or OperationCanceledException or TimeoutException or UnauthorizedAccessException
            or ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException or IOException
            || ex.GetType().Name == "AuthenticationFailedException") // Azure.Identity's, without depending on Azure.Identity
        {
            // The batches sent before the failure were accepted; the rest of this key's events are not.
            foreach (var e in events.Skip(settled))
            {
                failed.Enqueue((e, ex is EventHubsException { Reason: EventHubsException.FailureReason.MessageSizeExceeded } ? "too_large" : "send_failed", ex));
            }
        }
    }

    private static EventData Data(QueuedEvent e) => new(e.Json) { ContentType = "application/json" };
}
