namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Stands in when <c>EventHubConnection</c> is not set, so the ingest functions still run and
/// the collector answers 503 with the fix instead of the whole app failing at start.
/// </summary>
internal sealed class UnconfiguredEventPublisher : IEventPublisher
{
    public const string Message = "no publisher configured: set EventHubConnection (a connection string, or EventHubConnection__fullyQualifiedNamespace)";

    public Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken) =>
        throw new PublisherNotConfiguredException(Message);
}
