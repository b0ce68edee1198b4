using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>
/// A stand-in for the <c>Collect</c> function, on a free loopback port: <c>POST /api/events</c> per the collector
/// HTTP API contract (write key in the header or, for beacons, the query; JSON or text/plain body; batch
/// <c>sentAt</c> copied into events without one; each envelope validated by the pipeline's own
/// <see cref="SchemaValidator"/>; 202 with per-event results, 400, 401, 413). It records every request, and can be told
/// to answer the next requests with a given status (503 + Retry-After...). Like the dev host will, it serves the demo
/// shop at <c>/demo/</c> and the SDK build at <c>/dist/</c>, so the page and the collector share one origin.
/// </summary>
internal sealed class CollectorStub : IAsyncDisposable
{
    public const string WriteKey = "test-write-key";
    private const int MaxEvents = 500;
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxEventBytes = 32 * 1024;

    private static readonly SchemaValidator Validator = SchemaValidator.LoadEmbedded();
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly List<CollectedRequest> _requests = [];
    private readonly List<JsonElement> _accepted = [];
    private readonly List<InvalidEnvelope> _invalid = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _scripted = new();
    private WebApplication? _app;
    private int _preflights;

    /// <summary>The site's origin with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public Uri EventsUrl => new(BaseUrl, "api/events");

    /// <summary>The events URL on another origin than the demo page (localhost instead of 127.0.0.1, same server).</summary>
    public Uri CrossOriginEventsUrl => new UriBuilder(EventsUrl) { Host = "localhost" }.Uri;

    /// <summary>Preflight requests (OPTIONS) the stub answered.</summary>
    public int Preflights => Volatile.Read(ref _preflights);

    public IReadOnlyList<CollectedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Every event the stub accepted, in arrival order (a redelivered id appears again).</summary>
    public IReadOnlyList<JsonElement> Accepted
    {
        get { lock (_gate) { return [.. _accepted]; } }
    }

    public static async Task<CollectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        var stub = new CollectorStub { _app = app };
        app.Use((HttpContext context, RequestDelegate next) => stub.AllowAnyOrigin(context, next));
        var demo = new PhysicalFileProvider(RepositoryPaths.Demo);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = demo, RequestPath = "/demo" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = demo, RequestPath = "/demo" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(RepositoryPaths.SdkDist), RequestPath = "/dist" });
        app.MapPost("/api/events", (Delegate)stub.CollectAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUrl = new Uri(address + "/");
        return stub;
    }

    /// <summary>The next POSTs (one per call, in order) get this status and record nothing as accepted.</summary>
    public void RespondNext(int status, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _scripted.Enqueue((status, retryAfter));
        }
    }

    /// <summary>Waits until <paramref name="count"/> accepted events of <paramref name="type"/> (matching
    /// <paramref name="where"/>) arrived; returns the first <paramref name="count"/> of them.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(string type, int count = 1, Func<JsonElement, bool>? where = null) =>
        PollAsync<IReadOnlyList<JsonElement>>(
            () =>
            {
                var matches = Accepted.Where(e => e.GetProperty("type").GetString() == type && (where is null || where(e))).ToList();
                return matches.Count >= count ? matches.Take(count).ToList() : null;
            },
            $"{count} accepted {type} event(s)");

    public Task<CollectedRequest> WaitForRequestAsync(Func<CollectedRequest, bool> predicate, string description) =>
        PollAsync(() => Requests.FirstOrDefault(predicate), description);

    /// <summary>Fails when any envelope the SDK sent was refused by the pipeline's schema validator.</summary>
    public void AssertEveryEnvelopeValid()
    {
        List<InvalidEnvelope> invalid;
        lock (_gate)
        {
            invalid = [.. _invalid];
        }

        Assert.True(invalid.Count == 0, $"The SDK sent {invalid.Count} envelope(s) the pipeline rejects: {string.Join(Environment.NewLine, invalid)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static async Task<T> PollAsync<T>(Func<T?> probe, string description)
        where T : class
    {
        var deadline = DateTime.UtcNow + DefaultTimeout;
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {DefaultTimeout.TotalSeconds} s waiting for {description}.");
            }

            await Task.Delay(25);
        }
    }

    // What a cross-origin collector must do for the SDK's fetch (custom header => preflight); beacons need no preflight.
    private Task AllowAnyOrigin(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api/events") || context.Request.Headers.Origin is not [{ } origin])
        {
            return next(context);
        }

        context.Response.Headers.AccessControlAllowOrigin = origin;
        context.Response.Headers.Vary = "Origin";
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return next(context);
        }

        Interlocked.Increment(ref _preflights);
        context.Response.Headers.AccessControlAllowMethods = "POST";
        context.Response.Headers.AccessControlAllowHeaders = "Content-Type, X-Touchpoint-Write-Key";
        context.Response.Headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private async Task<IResult> CollectAsync(HttpContext context)
    {
        var request = context.Request;
        string? headerKey = request.Headers["X-Touchpoint-Write-Key"];
        string? queryKey = request.Query["writeKey"];
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (events, sentAt) = ParseBatch(body);

        lock (_gate)
        {
            if (_scripted.TryDequeue(out var scripted))
            {
                if (scripted.RetryAfter is { } after)
                {
                    context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                Record(scripted.Status);
                return Results.Problem(statusCode: scripted.Status, title: "Scripted failure");
            }

            if ((headerKey ?? queryKey) != WriteKey)
            {
                Record(StatusCodes.Status401Unauthorized);
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or unknown write key");
            }

            if (events is null)
            {
                Record(StatusCodes.Status400BadRequest);
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a batch of events");
            }

            if (events.Count > MaxEvents || Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
            {
                Record(StatusCodes.Status413PayloadTooLarge);
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
            }

            var results = events.Select(e => Check(e, sentAt)).ToList();
            var accepted = results.Count(r => r["status"]!.GetValue<string>() == "accepted");
            var status = accepted > 0 ? StatusCodes.Status202Accepted : StatusCodes.Status400BadRequest;
            Record(status);
            return Results.Json(new { accepted, rejected = results.Count - accepted, results }, statusCode: status);
        }

        void Record(int status) =>
            _requests.Add(new CollectedRequest(status, headerKey, queryKey, request.ContentType, body, events ?? []));
    }

    // The caller holds _gate.
    private JsonObject Check(JsonElement envelope, string? batchSentAt)
    {
        var id = envelope.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var node = JsonNode.Parse(envelope.GetRawText())!.AsObject();
        if (batchSentAt is not null && !node.ContainsKey("sentat"))
        {
            node["sentat"] = batchSentAt;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(node);
        if (bytes.Length > MaxEventBytes)
        {
            _invalid.Add(new InvalidEnvelope(envelope.GetRawText(), [new ValidationError("$", "maxBytes", $"{bytes.Length} bytes")]));
            return new JsonObject { ["id"] = id, ["status"] = "rejected", ["reason"] = "too_large" };
        }

        using var document = JsonDocument.Parse(bytes);
        var errors = new List<ValidationError>();
        if (!Validator.Validate(document.RootElement, errors))
        {
            _invalid.Add(new InvalidEnvelope(envelope.GetRawText(), errors));
            return new JsonObject { ["id"] = id, ["status"] = "rejected", ["reason"] = "invalid", ["field"] = errors[0].Field };
        }

        _accepted.Add(document.RootElement.Clone());
        return new JsonObject { ["id"] = id, ["status"] = "accepted" };
    }

    private static (List<JsonElement>? Events, string? SentAt) ParseBatch(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return (null, null);
            }

            var sentAt = root.TryGetProperty("sentAt", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return ([.. events.EnumerateArray().Select(e => e.Clone())], sentAt);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
