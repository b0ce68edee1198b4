using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TouchpointPipeline.Simulator.Journeys;

namespace TouchpointPipeline.Simulator.Sending;

/// <summary>
/// Posts batches to the real collector (<c>POST /api/events</c>) as an emitter would: write-key header, batch
/// <c>sentAt</c>, retry with the same ids on 429/503 (honouring Retry-After) and on connection failures.
/// </summary>
internal sealed class CollectorSender(HttpClient client, Uri endpoint, string writeKey, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public async Task<SendOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        var body = Body(batch, time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Touchpoint-Write-Key", writeKey);
                using var response = await client.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted:
                    case HttpStatusCode.BadRequest when text.Contains("\"results\"", StringComparison.Ordinal):
                        return Read(text, attempt - 1);
                    case HttpStatusCode.TooManyRequests:
                    case HttpStatusCode.ServiceUnavailable:
                        wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        break;
                    default:
                        throw new SimulationException(string.Create(CultureInfo.InvariantCulture,
                            $"The collector at {endpoint} answered {(int)response.StatusCode} {response.StatusCode}: {Truncate(text)}"));
                }
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                // The connection failed before an answer: send the same ids again (the pipeline dedupes them).
                wait = TimeSpan.FromMilliseconds(200 * attempt);
            }

            if (attempt >= MaxAttempts)
            {
                throw new SimulationException($"The collector at {endpoint} kept refusing a batch ({MaxAttempts} attempts).");
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static byte[] Body(IReadOnlyList<SimulatedEvent> batch, DateTimeOffset sentAt)
    {
        var size = 64 + batch.Sum(e => e.Json.Length + 1);
        var builder = new StringBuilder(size);
        builder.Append("{\"sentAt\":\"").Append(sentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append("\",\"events\":[");
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(batch[i].Json);
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }

    private static SendOutcome Read(string text, int retries)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var accepted = root.TryGetProperty("accepted", out var a) ? a.GetInt32() : 0;
        var rejected = root.TryGetProperty("rejected", out var r) ? r.GetInt32() : 0;
        string? first = null;
        if (rejected > 0 && root.TryGetProperty("results", out var results))
        {
            var bad = results.EnumerateArray().FirstOrDefault(x => x.GetProperty("status").GetString() == "rejected");
            if (bad.ValueKind == JsonValueKind.Object)
            {
                first = $"{bad.GetProperty("id").GetString()}: {(bad.TryGetProperty("reason", out var reason) ? reason.GetString() : null)} {(bad.TryGetProperty("field", out var field) ? field.GetString() : null)}";
            }
        }

        return new SendOutcome(accepted, rejected, first, retries);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
