using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Pipeline;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// Delivers queued alerts to the webhook: JSON POST (the alert's one JSON shape), signed
/// <c>X-Touchpoint-Signature: sha256=&lt;hex HMAC-SHA256(secret, body)&gt;</c>, retried with exponential backoff on a
/// non-2xx answer or a transport failure, then given up for now with an error log (the alert keeps its webhook mark in
/// the store, so the sweep hands it over again). A 2xx clears the mark. Runs off the invocation path.
/// </summary>
internal sealed class AlertWebhookSender(
    AlertWebhookQueue queue,
    IAlertStore alerts,
    HttpClient http,
    AlertWebhookOptions options,
    TimeProvider time,
    ILogger<AlertWebhookSender> logger,
    PipelineMetrics? metrics = null) : BackgroundService
{
    public const string SignatureHeader = "X-Touchpoint-Signature";
    public const string AlertIdHeader = "X-Touchpoint-Alert-Id";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Another instance, or an earlier hand-over of the same alert, may have delivered it meanwhile.
                if (await alerts.GetAsync(alert.Id, stoppingToken) is not { } stored
                    || (stored.Undelivered.HasFlag(AlertChannels.Webhook) && stored.EscalatedAt == alert.EscalatedAt))
                {
                    if (await DeliverAsync(alert, stoppingToken))
                    {
                        await alerts.MarkDeliveredAsync(alert, AlertChannels.Webhook, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The store is down: the mark stays, the sweep hands the alert over again.
                WebhookLog.StoreFailed(logger, ex, alert.Id);
            }
            finally
            {
                queue.Done(alert);
            }
        }
    }

    private async Task<bool> DeliverAsync(Alert alert, CancellationToken stoppingToken)
    {
        var body = AlertJson.SerializeToUtf8Bytes(alert);
        var signature = Sign(body, options.Secret!);
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(SignatureHeader, signature);
                request.Headers.Add(AlertIdHeader, alert.Id);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(options.Timeout);
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    metrics?.RecordDelivered([alert], "webhook");
                    return true;
                }

                failure = $"status {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                failure = ex.GetType().Name + ": " + ex.Message;
            }

            if (attempt >= options.MaxAttempts)
            {
                WebhookLog.GaveUp(logger, alert.Id, attempt, failure);
                metrics?.RecordDeliveryFailure(alert, "webhook");
                return false;
            }

            WebhookLog.Retrying(logger, alert.Id, attempt, failure, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay = delay * 2 < options.MaxRetryDelay ? delay * 2 : options.MaxRetryDelay;
        }
    }
}
