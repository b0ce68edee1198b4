using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.Sdk.Tests.Infrastructure;

/// <summary>An in-memory collector: answers each request with the next scripted response (default: 202, all accepted).</summary>
internal sealed class FakeCollector : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<JsonElement, HttpResponseMessage>> _script = new();

    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public ConcurrentQueue<string?> WriteKeys { get; } = new();

    /// <summary>Completed before each answer; tests swap it to hold the send loop.</summary>
    public TaskCompletionSource Gate { get; set; } = Completed();

    public void Then(Func<JsonElement, HttpResponseMessage> respond) => _script.Enqueue(respond);

    public void Then(HttpStatusCode status, TimeSpan? retryAfter = null) => Then(_ =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{\"title\":\"scripted\",\"detail\":\"scripted " + (int)status + "\"}", Encoding.UTF8, "application/problem+json") };
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        }

        return response;
    });

    public IEnumerable<string> SentIds => Requests.SelectMany(r => r.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));

    public static HttpResponseMessage AcceptAll(JsonElement request) =>
        Results(request, _ => null);

    /// <summary>202 with a result per event; <paramref name="reject"/> returns (reason, field) for the ones to reject.</summary>
    public static HttpResponseMessage Results(JsonElement request, Func<JsonElement, (string Reason, string Field)?> reject)
    {
        var results = request.GetProperty("events").EnumerateArray().Select(e => reject(e) is { } r
            ? (object)new { id = e.GetProperty("id").GetString(), status = "rejected", reason = r.Reason, field = r.Field }
            : new { id = e.GetProperty("id").GetString(), status = "accepted" }).ToList();
        var body = JsonSerializer.Serialize(new { accepted = 0, rejected = 0, results });
        return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        Requests.Enqueue(body);
        WriteKeys.Enqueue(request.Headers.TryGetValues("X-Touchpoint-Write-Key", out var keys) ? keys.Single() : null);
        await Gate.Task.WaitAsync(cancellationToken);
        return _script.TryDequeue(out var respond) ? respond(body) : AcceptAll(body);
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
