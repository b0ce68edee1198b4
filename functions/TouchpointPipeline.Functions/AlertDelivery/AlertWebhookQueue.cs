using System.Threading.Channels;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// The bounded hand-over between the invocation path and <see cref="AlertWebhookSender"/>: <see cref="Publish"/>
/// only tries to enqueue, so ingestion never waits for the receiver; when the queue is full the alert is dropped from
/// the webhook (it is still stored and on the alerts hub) and the drop is logged.
/// </summary>
internal sealed class AlertWebhookQueue(AlertWebhookOptions options, ILogger<AlertWebhookQueue> logger) : IAlertSink
{
    private readonly Channel<Alert> _channel = Channel.CreateBounded<Alert>(
        new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<Alert> Reader => _channel.Reader;

    public void Publish(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            if (!_channel.Writer.TryWrite(alert))
            {
                WebhookLog.Dropped(logger, alert.Id, options.QueueCapacity);
            }
        }
    }
}
