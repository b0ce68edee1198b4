using System.Collections.Concurrent;
using System.Threading.Channels;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// The bounded hand-over between the invocation path and <see cref="AlertWebhookSender"/>: <see cref="Publish"/>
/// only tries to enqueue, so ingestion never waits for the receiver. It is a fast path, not the record: an alert stays
/// marked undelivered to the webhook in the alert store until the receiver confirmed it, so an alert dropped here
/// (queue full) or lost with the process (restart) is handed over again by the sweep's outbox. An alert already
/// waiting or being sent is not queued twice.
/// </summary>
internal sealed class AlertWebhookQueue(AlertWebhookOptions options, ILogger<AlertWebhookQueue> logger) : IAlertSink
{
    private readonly Channel<Alert> _channel = Channel.CreateBounded<Alert>(
        new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public ChannelReader<Alert> Reader => _channel.Reader;

    public bool Enabled => true;

    public void Publish(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            if (!_queued.TryAdd(Key(alert), 0))
            {
                continue;
            }

            if (!_channel.Writer.TryWrite(alert))
            {
                _queued.TryRemove(Key(alert), out _);
                WebhookLog.Dropped(logger, alert.Id, options.QueueCapacity);
            }
        }
    }

    /// <summary>Called by the sender when it is done with an alert (delivered or given up for now).</summary>
    public void Done(Alert alert) => _queued.TryRemove(Key(alert), out _);

    private static string Key(Alert alert) => alert.EscalatedAt is { } e ? $"{alert.Id}@{e.UtcTicks}" : alert.Id;
}
