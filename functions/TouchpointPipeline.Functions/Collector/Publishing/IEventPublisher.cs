namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Appends accepted events to their hubs. <see cref="PublishAsync"/> completes only when every message is confirmed
/// durable by the broker; any failure throws <see cref="EventPublishException"/> and the caller must treat the whole
/// batch as not accepted (emitters retry with the same ids; the pipeline dedupes).
/// </summary>
internal interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken);
}
