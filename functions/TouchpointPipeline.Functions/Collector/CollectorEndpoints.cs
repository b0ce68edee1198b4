using System.Text.Json;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Validation;
using TouchpointPipeline.Functions.Apis.OpenApi;
using TouchpointPipeline.Functions.Collector.CloudEvents;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Forwarded HTTP function <c>Collect</c> (<c>POST /api/events</c>, anonymous at the host: the write key is the auth).
/// Order: write key (401, and the key's request bucket: 429) → size (413) → JSON shape (400) → count (413) → the key's
/// event bucket (429) → sources (403) → per-event validation and the key's scope → publish, confirmed before answering (503 + Retry-After on failure) → 202, or 400 when nothing was accepted.
/// CloudEvents requests (structured, batched or binary mode) branch off after the size check to
/// <see cref="CloudEventsCollection"/> and rejoin at the publish step.
/// </summary>
internal static class CollectorEndpoints
{
    // Duplicate names inside an event are that event's problem (the reader rejects it on its own); only the body's own
    // members are checked here, so one event's content cannot fail the request.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    public static IEndpointRouteBuilder MapCollectorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", CollectAsync).WithName("Collect").WithTags("Collector")
            .RequireCors(CollectorPolicies.Cors).RequireRateLimiting(CollectorPolicies.RateLimit)
            .WithSummary("Collect a batch of events: our envelope, or the CloudEvents HTTP binding (structured, batched or binary mode).")
            .WithDescription("Binary mode: the attributes as ce- headers (ce-specversion, ce-id, ce-source, ce-type, ce-time, ce-customerid, ce-anonymousid, ce-sessionid, ce-channel), data as the body with its Content-Type (application/json). See docs/collector.md.")
            .WithMetadata(new WriteKeyAuthMetadata())
            .DescribesRequestBody<CollectRequest>("application/json", "text/plain")
            .DescribesRequestBody<TouchpointEventDocument>(CloudEventsContentType.Structured)
            .DescribesRequestBody<TouchpointEventDocument[]>(CloudEventsContentType.Batched)
            .Produces<CollectResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The host forwards OPTIONS because function.json allows it; the CORS middleware answers the preflight first.
        // CloudEvents webhook senders validate the endpoint with OPTIONS + WebHook-Request-Origin (WebhookValidation).
        app.MapMethods("/api/events", [HttpMethods.Options], WebhookValidation.Answer).WithName("CollectPreflight").WithTags("Collector")
            .RequireCors(CollectorPolicies.Cors);
        return app;
    }

    public static async Task<IResult> CollectAsync(
        HttpContext context, EventCollector collector, IEventPublisher publisher, WriteKeys keys,
        IOptions<CollectorOptions> options, ILogger<EventCollector> logger, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var grant = context.Items.TryGetValue(CollectorPolicies.GrantItem, out var item) && item is WriteKeyGrant cached
            ? cached
            : keys.Authenticate(WriteKeys.Presented(context.Request));
        if (grant is null)
        {
            return CollectorResults.Unauthorized();
        }

        if (await CollectRequestBody.ReadAsync(context.Request, settings.MaxBodyBytes, cancellationToken) is not { } body)
        {
            return CollectorResults.TooLarge($"The body is larger than {settings.MaxBodyBytes} bytes; send smaller batches.");
        }

        if (CloudEventsContentType.ModeOf(context.Request) is var mode and not CloudEventsMode.None)
        {
            return await CloudEventsCollection.CollectAsync(context, mode, body, grant, collector, publisher, settings, logger, cancellationToken);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException ex)
        {
            return CollectorResults.Unreadable($"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!TryReadShape(root, out var events, out var sent) || events.ValueKind != JsonValueKind.Array)
            {
                return CollectorResults.Unreadable("The body must be a JSON object {\"events\": [ ... ], \"sentAt\": \"<RFC 3339, optional>\"} without duplicate members.");
            }

            string? sentAt = null;
            if (sent.ValueKind != JsonValueKind.Undefined)
            {
                sentAt = JsonText.TryGetString(sent);
                if (!Rfc3339Timestamp.TryParse(sentAt, out _))
                {
                    return CollectorResults.Unreadable("sentAt must be an RFC 3339 date-time (2025-03-14T09:26:53.589Z).");
                }
            }

            var count = events.GetArrayLength();
            if (count > settings.MaxEvents)
            {
                return CollectorResults.TooLarge($"The batch has {count} events; the limit is {settings.MaxEvents}.");
            }

            if (count == 0)
            {
                return CollectorResults.Unreadable("events is empty.");
            }

            if (LimitEvents(context, grant, count) is { } limited)
            {
                return limited;
            }

            if (EventCollector.AllowsNoSource(events, grant))
            {
                return CollectorResults.Forbidden(grant);
            }

            var outcome = collector.Collect(events, grant, sentAt, ForwardedUserAgent.Of(context.Request.Headers.UserAgent.ToString()));
            return await AnswerAsync(context, outcome, count, grant, publisher, settings, logger, cancellationToken);
        }
    }

    /// <summary>429 when the key's event bucket has fewer than <paramref name="count"/> tokens; null when the batch may go on.</summary>
    internal static IResult? LimitEvents(HttpContext context, WriteKeyGrant grant, int count) =>
        context.RequestServices.GetRequiredService<WriteKeyEventLimiter>().TryAcquire(grant, count, out var retryAfter)
            ? null
            : CollectorResults.EventsRateLimited(context, retryAfter, count);

    /// <summary>Publishes the accepted events, confirmed before answering: 202, 400 when none was accepted, 503 on failure.</summary>
    internal static async Task<IResult> AnswerAsync(
        HttpContext context, CollectOutcome outcome, int count, WriteKeyGrant grant, IEventPublisher publisher,
        CollectorOptions settings, ILogger logger, CancellationToken cancellationToken)
    {
        var response = CollectResponse.From(outcome.Results);
        if (response.Accepted == 0)
        {
            CollectorLog.BatchCollected(logger, grant.Name, count, 0, response.Rejected);
            context.RequestServices.GetRequiredService<PipelineMetrics>().RecordCollected(grant.Name, 0, response.Rejected);
            return CollectorResults.NoneAccepted(response);
        }

        try
        {
            await publisher.PublishAsync(outcome.Messages, cancellationToken);
        }
        catch (PublisherNotConfiguredException)
        {
            CollectorLog.PublisherNotConfigured(logger);
            return CollectorResults.Unavailable(context, settings.PublishRetryAfter, UnconfiguredEventPublisher.Message);
        }
        catch (EventPublishException ex) when (ex.Unpublished.Count is > 0 and var unpublished && unpublished < outcome.Messages.Count)
        {
            // Some batches were accepted: say which events, though the emitter simply retries them all (ingest dedupes).
            CollectorLog.PublishFailed(logger, ex, grant.Name, outcome.Messages.Count, unpublished);
            return CollectorResults.Unavailable(context, settings.PublishRetryAfter,
                $"{unpublished} of {outcome.Messages.Count} events could not be published; see results. Retry with the same event ids.",
                CollectResponse.From(outcome.WithUnpublished(ex.Unpublished)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CollectorLog.PublishFailed(logger, ex, grant.Name, outcome.Messages.Count, outcome.Messages.Count);
            return CollectorResults.Unavailable(context, settings.PublishRetryAfter,
                "The events could not be published; nothing of this batch was accepted. Retry with the same event ids.");
        }

        CollectorLog.BatchCollected(logger, grant.Name, count, response.Accepted, response.Rejected);
        context.RequestServices.GetRequiredService<PipelineMetrics>().RecordCollected(grant.Name, response.Accepted, response.Rejected);
        return TypedResults.Json(response, CollectorJsonContext.Default.CollectResponse, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The body's <c>events</c> and <c>sentAt</c>; false when the root is not an object or repeats a member.</summary>
    private static bool TryReadShape(JsonElement root, out JsonElement events, out JsonElement sentAt)
    {
        events = default;
        sentAt = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (JsonText.TryGetName(property) is not { } name || !names.Add(name))
            {
                return false;
            }

            if (name == "events")
            {
                events = property.Value;
            }
            else if (name == "sentAt")
            {
                sentAt = property.Value;
            }
        }

        return events.ValueKind != JsonValueKind.Undefined;
    }
}
