namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Appends accepted events to their hubs. <see cref="PublishAsync"/> completes only when every message is confirmed
/// durable by the broker; any failure throws <see cref="EventPublishException"/>, which names the messages not accepted
/// (emitters retry the request with the same ids; the pipeline dedupes the ones that were).
/// </summary>
internal interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken);
}
