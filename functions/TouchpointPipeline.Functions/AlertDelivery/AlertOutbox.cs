using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// The alert store as outbox. Every alert is stored marked undelivered to the hub and to the webhook; the hub mark is
/// cleared once the invocation whose outputs carried it has answered success, the webhook mark once the receiver
/// answered 2xx. The sweep hands whatever is still marked (and old enough not to be with an invocation still retrying)
/// to both channels again. At-least-once: a crash between a delivery and its mark delivers again; consumers dedupe by
/// alert id (plus <c>escalatedAt</c> for escalations).
/// </summary>
internal sealed class AlertOutbox(
    IAlertStore alerts,
    IAlertSink webhook,
    IOptions<AlertOptions> alertOptions,
    IOptions<DetectionOptions> detectionOptions,
    TimeProvider time,
    ILogger<AlertOutbox> logger)
{
    /// <summary>
    /// What the sweep delivers: the alerts it raised or escalated now, plus every older alert still marked undelivered.
    /// Hands the webhook's share to the webhook sender (or, with no webhook configured, clears that mark) and returns
    /// the hub's share for the <c>alerts</c> output.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> CollectForSweepAsync(IReadOnlyList<Alert> fresh, CancellationToken cancellationToken)
    {
        var due = await alerts.GetUndeliveredAsync(
            time.GetUtcNow() - alertOptions.Value.RedeliverAfter, detectionOptions.Value.SweepBatchSize, cancellationToken);
        var freshIds = fresh.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var pending = fresh.Concat(due.Where(a => !freshIds.Contains(a.Id))).ToList();
        var toWebhook = pending.Where(a => a.Undelivered.HasFlag(AlertChannels.Webhook)).ToList();
        if (!webhook.Enabled)
        {
            foreach (var alert in toWebhook)
            {
                await alerts.MarkDeliveredAsync(alert, AlertChannels.Webhook, cancellationToken);
            }
        }
        else
        {
            webhook.Publish(toWebhook);
        }

        var toHub = pending.Where(a => a.Undelivered.HasFlag(AlertChannels.Hub)).ToList();
        if (due.Count > 0)
        {
            AlertDeliveryLog.Redelivering(logger, due.Count);
        }

        return toHub;
    }

    /// <summary>
    /// Clears the hub mark of <paramref name="delivered"/> once the answer carrying them in its outputs has been sent
    /// (the host delivers outputs only on success, docs/host-protocol.md §7.5/§7.7). A failure here only means the sweep
    /// delivers them once more.
    /// </summary>
    public void MarkHubDeliveredAfterResponse(HttpContext context, IReadOnlyList<Alert> delivered)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        context.Response.OnCompleted(async () =>
        {
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                return;
            }

            try
            {
                foreach (var alert in delivered)
                {
                    await alerts.MarkDeliveredAsync(alert, AlertChannels.Hub, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                AlertDeliveryLog.MarkFailed(logger, ex, delivered.Count);
            }
        });
    }
}
