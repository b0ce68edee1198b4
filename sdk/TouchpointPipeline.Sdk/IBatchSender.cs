namespace TouchpointPipeline.Sdk;

/// <summary>
/// How a <see cref="TouchpointClient"/> delivers one batch, retries included: to the collector over HTTP
/// (<see cref="BatchSender"/>) or straight to Event Hubs (the <c>TouchpointPipeline.Sdk.EventHubs</c> package).
/// </summary>
internal interface IBatchSender : IAsyncDisposable
{
    Task<BatchOutcome> SendAsync(IReadOnlyList<QueuedEvent> batch, CancellationToken cancellationToken);
}
