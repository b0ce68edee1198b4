using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Publishes with <see cref="EventHubProducerClient"/>, partition key = customer key, as
/// <c>EventHubBufferedProducerClient</c> does: each event carries its key (<c>x-opt-partition-key</c>, so the trigger
/// sees it in <c>PartitionKeyArray</c>) and goes to the partition the service's own hash assigns that key
/// (<see cref="PartitionSelector"/>), so a request's events travel in one batch per partition rather than one per
/// customer. A partition's events go in <see cref="EventDataBatch"/>es filled with <c>TryAdd</c> and sent one after
/// the other (a full batch is sent and a new one started, so no batch exceeds the hub's maximum message size and one
/// customer's events keep their order); partitions are sent concurrently. Completes only when Event Hubs accepted
/// every batch; otherwise throws <see cref="EventPublishException"/> naming the messages not accepted.
/// </summary>
internal sealed class EventHubsEventPublisher(EventHubProducers producers) : IEventPublisher
{
    /// <summary>The whole publish of one request gives up after this, whatever the retries are doing.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(40);

    /// <summary>Where Event Hubs reads an event's partition key (<c>EventData.PartitionKey</c> on the consuming side).</summary>
    private const string PartitionKeyAnnotation = "x-opt-partition-key";

    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        var failures = new ConcurrentQueue<(int Index, Exception Error)>();
        var hubs = messages.Select(m => m.Hub).Distinct(StringComparer.Ordinal).ToList();
        var partitions = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var hub in hubs)
        {
            try
            {
                partitions[hub] = await producers.PartitionIdsAsync(hub, timeout.Token);
            }
            catch (Exception ex) when (IsPublishFailure(ex))
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    if (messages[i].Hub == hub)
                    {
                        failures.Enqueue((i, ex));
                    }
                }
            }
        }

        var groups = Enumerable.Range(0, messages.Count)
            .Where(i => partitions.ContainsKey(messages[i].Hub))
            .GroupBy(i => (messages[i].Hub, Partition: PartitionOf(partitions[messages[i].Hub], messages[i].PartitionKey)));
        await Task.WhenAll(groups.Select(group => PublishGroupAsync(group.Key.Hub, group.Key.Partition, [.. group], messages, failures, timeout.Token)));
        cancellationToken.ThrowIfCancellationRequested();
        if (!failures.IsEmpty)
        {
            var unpublished = failures.Select(f => f.Index).Order().ToList();
            var first = failures.First().Error;
            throw new EventPublishException(
                $"Event Hubs did not accept {unpublished.Count} of {messages.Count} events: {first.Message}", unpublished, first);
        }
    }

    private static string PartitionOf(string[] partitionIds, string partitionKey) =>
        partitionIds[PartitionSelector.PartitionFor(partitionKey, partitionIds.Length)];

    private static bool IsPublishFailure(Exception ex) =>
        ex is EventHubsException or OperationCanceledException or TimeoutException or UnauthorizedAccessException
            or Azure.Identity.AuthenticationFailedException or System.Net.Sockets.SocketException or IOException;

    private static EventData Keyed(PublishMessage message)
    {
        var data = new EventData(message.Body);
        data.GetRawAmqpMessage().MessageAnnotations[PartitionKeyAnnotation] = message.PartitionKey;
        return data;
    }

    private async Task PublishGroupAsync(
        string hub, string partitionId, List<int> indexes, IReadOnlyList<PublishMessage> messages,
        ConcurrentQueue<(int, Exception)> failures, CancellationToken cancellationToken)
    {
        var producer = producers.For(hub);
        var options = new CreateBatchOptions { PartitionId = partitionId };
        var inBatch = new List<int>();
        var settled = new HashSet<int>();
        EventDataBatch? batch = null;
        try
        {
            batch = await producer.CreateBatchAsync(options, cancellationToken);
            foreach (var index in indexes)
            {
                if (batch.TryAdd(Keyed(messages[index])))
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
                    if (batch.TryAdd(Keyed(messages[index])))
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
        catch (Exception ex) when (IsPublishFailure(ex))
        {
            // Everything of this partition not yet confirmed counts as not accepted (the batches before it were).
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
