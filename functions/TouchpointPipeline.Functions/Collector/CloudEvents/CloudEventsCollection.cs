using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// <c>POST /api/events</c> for CloudEvents requests, after the write key and body size: format (415) → body shape (400)
/// → count (413) → event bucket (429) → sources (403) → the collector's per-event validation → the envelope's publish-and-answer path.
/// </summary>
internal static class CloudEventsCollection
{
    public static async Task<IResult> CollectAsync(
        HttpContext context, CloudEventsMode mode, ReadOnlyMemory<byte> body, WriteKeyGrant grant, EventCollector collector,
        IEventPublisher publisher, CollectorOptions settings, ILogger logger, CancellationToken cancellationToken)
    {
        if (mode is CloudEventsMode.UnsupportedFormat)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported CloudEvents format",
                detail: $"The collector reads the JSON event format: send {CloudEventsContentType.Structured}, {CloudEventsContentType.Batched} or binary mode (ce- headers), not '{context.Request.ContentType}'.");
        }

        if (CloudEventsRequest.Read(mode, context.Request, body, out var problem) is not { } inputs)
        {
            return CollectorResults.Unreadable(problem!);
        }

        if (inputs.Count > settings.MaxEvents)
        {
            return CollectorResults.TooLarge($"The batch has {inputs.Count} events; the limit is {settings.MaxEvents}.");
        }

        // The JSON batch format allows an empty array; nothing to do is not an error.
        if (inputs.Count == 0)
        {
            return TypedResults.Json(CollectResponse.From([]), CollectorJsonContext.Default.CollectResponse, statusCode: StatusCodes.Status202Accepted);
        }

        if (CollectorEndpoints.LimitEvents(context, grant, inputs.Count) is { } limited)
        {
            return limited;
        }

        using var batch = new CloudEventsBatch(inputs);
        if (EventCollector.AllowsNoSource(batch.Events, grant))
        {
            return CollectorResults.Forbidden(grant);
        }

        var outcome = batch.Merge(collector.Collect(batch.Events, grant, null, ForwardedUserAgent.Of(context.Request.Headers.UserAgent.ToString())));
        return await CollectorEndpoints.AnswerAsync(context, outcome, batch.Count, grant, publisher, settings, logger, cancellationToken);
    }
}
