using Microsoft.Net.Http.Headers;

namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>Tells the request's mode from its <c>Content-Type</c> and <c>ce-</c> headers (HTTP protocol binding section 3).</summary>
internal static class CloudEventsContentType
{
    public const string Structured = "application/cloudevents+json";
    public const string Batched = "application/cloudevents-batch+json";
    public const string HeaderPrefix = "ce-";
    private const string EventFormatPrefix = "application/cloudevents";

    public static CloudEventsMode ModeOf(HttpRequest request)
    {
        var mediaType = MediaTypeOf(request.ContentType);
        if (mediaType is not null && mediaType.StartsWith(EventFormatPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return mediaType.Equals(Structured, StringComparison.OrdinalIgnoreCase) ? CloudEventsMode.Structured
                : mediaType.Equals(Batched, StringComparison.OrdinalIgnoreCase) ? CloudEventsMode.Batched
                : CloudEventsMode.UnsupportedFormat;
        }

        // The spec marks binary mode by ce-specversion; any ce- header counts here, so a sender that forgot
        // ce-specversion gets a per-event "specversion is required" rather than "this is not our envelope".
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return CloudEventsMode.Binary;
            }
        }

        return CloudEventsMode.None;
    }

    /// <summary>
    /// True for media types whose content is JSON: <c>application/json</c>, <c>text/json</c> and any <c>+json</c> suffix.
    /// An absent type counts as JSON, as the JSON event format says for an event without <c>datacontenttype</c>.
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        var mediaType = MediaTypeOf(contentType);
        return mediaType is null
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string? MediaTypeOf(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) ? null
        : MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue ? parsed.MediaType.Value
        : contentType.Split(';', 2)[0].Trim();
}
