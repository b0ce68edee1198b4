using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.Sdk;

/// <summary>
/// Sends one batch with retries. Retryable: network errors, timeouts, 408, 429, 5xx (Retry-After honoured, else
/// exponential backoff with full jitter). Final: 202 (per-event rejections reported), 400 (with per-event results when
/// the collector judged the events), 401, 403, 413 and any other 4xx.
/// </summary>
internal sealed class BatchSender(HttpClient http, Uri eventsUri, string writeKey, TouchpointRetryOptions retry, TimeProvider time, HttpClient? ownedHttp)
    : IBatchSender
{
    private const string WriteKeyHeader = "X-Touchpoint-Write-Key";

    public async Task<BatchOutcome> SendAsync(IReadOnlyList<QueuedEvent> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            int? status = null;
            Exception? error = null;
            TimeSpan? retryAfter = null;
            string? detail = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(retry.NetworkTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, eventsUri) { Content = Body(batch, TouchpointEvent.Rfc3339(time.GetUtcNow())) };
                request.Headers.Add(WriteKeyHeader, writeKey);
                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Accepted || (response.StatusCode == HttpStatusCode.BadRequest && HasResults(body)))
                {
                    return Judged(batch, body, status.Value);
                }

                detail = Detail(body);
                if (!IsRetryable(response.StatusCode))
                {
                    return Failed(batch, status, null, detail ?? $"The collector answered {status}.");
                }

                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                error = ex;
            }

            if (attempt >= retry.MaxRetries)
            {
                return Failed(batch, status, error, detail ?? error?.Message ?? $"The collector answered {status}.");
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        ownedHttp?.Dispose();
        return ValueTask.CompletedTask;
    }

    internal TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.Delay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, retry.MaxRetryAfter.Ticks)) : null;
    }

    // sentAt is this attempt's send time: the collector copies it into each event's sentat, and ingest corrects the
    // device clock's skew with (sentat - time), so a retry must carry its own send time.
    private static ByteArrayContent Body(IReadOnlyList<QueuedEvent> batch, string sentAt)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"sentAt\":\"{sentAt}\",\"events\":[");
        var bytes = new byte[head.Length + 2 + batch.Sum(e => e.Json.Length + 1)];
        var position = 0;
        Append(bytes, ref position, head);
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                Append(bytes, ref position, ","u8);
            }

            Append(bytes, ref position, batch[i].Json);
        }

        Append(bytes, ref position, "]}"u8);
        var content = new ByteArrayContent(bytes, 0, position);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static void Append(byte[] target, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(target.AsSpan(position));
        position += bytes.Length;
    }

    private static bool HasResults(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static BatchOutcome Judged(IReadOnlyList<QueuedEvent> batch, byte[] body, int status)
    {
        using var document = JsonDocument.Parse(body);
        var results = document.RootElement.GetProperty("results");
        var dropped = new List<DroppedEvent>();
        var i = 0;
        foreach (var result in results.EnumerateArray())
        {
            if (i < batch.Count && result.GetProperty("status").GetString() != "accepted")
            {
                dropped.Add(new DroppedEvent(batch[i].Event, Text(result, "reason") ?? "rejected", Text(result, "field"), Text(result, "message")));
            }

            i++;
        }

        return dropped.Count == 0 ? BatchOutcome.Delivered : new BatchOutcome(DropCause.Rejected, dropped, status, null);
    }

    private static BatchOutcome Failed(IReadOnlyList<QueuedEvent> batch, int? status, Exception? error, string message) =>
        new(DropCause.SendFailed, [.. batch.Select(e => new DroppedEvent(e.Event, "send_failed", null, message))], status, error);

    private static string? Detail(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "detail") ?? Text(document.RootElement, "title") : null;
        }
        catch (JsonException)
        {
            return body.Length is > 0 and < 512 ? Encoding.UTF8.GetString(body) : null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
