using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Pipeline;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// Delivers queued alerts to the webhook: JSON POST (the alert's one JSON shape), signed
/// <c>X-Touchpoint-Signature: sha256=&lt;hex HMAC-SHA256(secret, body)&gt;</c>, retried with exponential backoff on a
/// non-2xx answer or a transport failure, then given up with an error log. Runs off the invocation path.
/// </summary>
internal sealed class AlertWebhookSender(
    AlertWebhookQueue queue,
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
            await DeliverAsync(alert, stoppingToken);
        }
    }

    private async Task DeliverAsync(Alert alert, CancellationToken stoppingToken)
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
                    return;
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
                return;
            }

            WebhookLog.Retrying(logger, alert.Id, attempt, failure, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay = delay * 2 < options.MaxRetryDelay ? delay * 2 : options.MaxRetryDelay;
        }
    }
}
