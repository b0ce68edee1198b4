using Confluent.Kafka;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Publishes through the Event Hubs Kafka endpoint (an <c>eventHub</c> output binding cannot set a partition key,
/// docs/host-protocol.md §7.5): message key = customer key, topic = hub. Completes when every delivery report says persisted.
/// </summary>
internal sealed class KafkaEventPublisher(IProducer<string, byte[]> producer) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        var deliveries = new Task<DeliveryResult<string, byte[]>>[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            deliveries[i] = producer.ProduceAsync(m.Hub, new Message<string, byte[]> { Key = m.PartitionKey, Value = m.Body.ToArray() }, cancellationToken);
        }

        try
        {
            var results = await Task.WhenAll(deliveries);
            var unconfirmed = results.Count(r => r.Status != PersistenceStatus.Persisted);
            if (unconfirmed > 0)
            {
                throw new EventPublishException($"{unconfirmed} of {messages.Count} messages were not confirmed persisted.");
            }
        }
        catch (KafkaException ex)
        {
            // Task.WhenAll rethrows the first failure; the others are observed through the array and need no handling.
            throw new EventPublishException($"Event Hubs did not confirm the batch: {ex.Error.Code}: {ex.Error.Reason}", ex);
        }
    }
}
