using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Publishes with <see cref="EventHubProducerClient"/>: the messages of one hub and one partition key (the customer
/// key) go in <see cref="EventDataBatch"/>es created with that key, filled with <c>TryAdd</c> and sent one after the
/// other (a full batch is sent and a new one started, so no batch exceeds the hub's maximum message size and one
/// customer's events keep their order); different keys are sent concurrently. Completes only when Event Hubs accepted
/// every batch; otherwise throws <see cref="EventPublishException"/> naming the messages not accepted.
/// </summary>
internal sealed class EventHubsEventPublisher(EventHubProducers producers) : IEventPublisher
{
    /// <summary>The whole publish of one request gives up after this, whatever the retries are doing.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(40);

    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        var failures = new ConcurrentQueue<(int Index, Exception Error)>();
        var groups = Enumerable.Range(0, messages.Count).GroupBy(i => (messages[i].Hub, messages[i].PartitionKey));
        await Task.WhenAll(groups.Select(group => PublishGroupAsync(group.Key.Hub, group.Key.PartitionKey, [.. group], messages, failures, timeout.Token)));
        cancellationToken.ThrowIfCancellationRequested();
        if (!failures.IsEmpty)
        {
            var unpublished = failures.Select(f => f.Index).Order().ToList();
            var first = failures.First().Error;
            throw new EventPublishException(
                $"Event Hubs did not accept {unpublished.Count} of {messages.Count} events: {first.Message}", unpublished, first);
        }
    }

    private async Task PublishGroupAsync(
        string hub, string partitionKey, List<int> indexes, IReadOnlyList<PublishMessage> messages,
        ConcurrentQueue<(int, Exception)> failures, CancellationToken cancellationToken)
    {
        var producer = producers.For(hub);
        var options = new CreateBatchOptions { PartitionKey = partitionKey };
        var inBatch = new List<int>();
        var settled = new HashSet<int>();
        EventDataBatch? batch = null;
        try
        {
            batch = await producer.CreateBatchAsync(options, cancellationToken);
            foreach (var index in indexes)
            {
                if (batch.TryAdd(new EventData(messages[index].Body)))
                {
                    inBatch.Add(index);
                    continue;
                }

                if (inBatch.Count > 0)
                {
                    await producer.SendAsync(batch, cancellationToken);
                    settled.UnionWith(inBatch);
                    inBatch.Clear();
                    batch.Dispose();
                    batch = await producer.CreateBatchAsync(options, cancellationToken);
                    if (batch.TryAdd(new EventData(messages[index].Body)))
                    {
                        inBatch.Add(index);
                        continue;
                    }
                }

                // Larger than an empty batch may be: this one event fails, the others go on.
                settled.Add(index);
                failures.Enqueue((index, new EventHubsException(false, hub,
                    $"The event is larger than the hub's maximum message size ({batch.MaximumSizeInBytes} bytes).", EventHubsException.FailureReason.MessageSizeExceeded)));
            }

            if (inBatch.Count > 0)
            {
                await producer.SendAsync(batch, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is EventHubsException or OperationCanceledException or TimeoutException or UnauthorizedAccessException
            or Azure.Identity.AuthenticationFailedException or System.Net.Sockets.SocketException or IOException)
        {
            // Everything of this key not yet confirmed counts as not accepted (the batches before it were).
            foreach (var index in indexes.Where(i => !settled.Contains(i)))
            {
                failures.Enqueue((index, ex));
            }
        }
        finally
        {
            batch?.Dispose();
        }
    }
}
