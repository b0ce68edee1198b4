using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// Where published alerts go besides the <c>alerts</c> hub (the optional webhook). Never blocks and never throws:
/// ingestion and the sweep must not wait for, or fail because of, a third-party endpoint.
/// </summary>
internal interface IAlertSink
{
    /// <summary>False when there is no webhook: the outbox then clears the webhook mark instead of delivering.</summary>
    bool Enabled { get; }

    void Publish(IReadOnlyList<Alert> alerts);
}
