using System.Text.Json;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Apis.Timelines;

/// <summary>
/// Writes a timeline page as <c>{"items":[…],"next":…}</c> straight to the response. Each item's <c>data</c> is the
/// stored UTF-8 JSON written as is, never parsed and re-serialized.
/// </summary>
internal sealed class TimelinePageResult(string customerKey, TimelinePage page) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("customerKey", customerKey);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            WriteItem(writer, item);
        }

        writer.WriteEndArray();
        if (page.NextSortKey is { } next)
        {
            writer.WriteString("next", TimelineCursor.Encode(next));
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    internal static void WriteItem(Utf8JsonWriter writer, TimelineItem item)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        writer.WriteString("type", item.Type);
        writer.WriteString("time", item.Time);
        if (item.DeviceTime is { } deviceTime)
        {
            writer.WriteString("deviceTime", deviceTime);
        }

        if (item.Position?.EnqueuedTime is { } enqueued)
        {
            writer.WriteString("enqueuedTime", enqueued);
        }

        writer.WriteString("channel", item.Channel.ToWire());
        writer.WriteString("source", item.Source);
        WriteOptional(writer, "customerId", item.CustomerId);
        WriteOptional(writer, "anonymousId", item.AnonymousId);
        WriteOptional(writer, "sessionId", item.SessionId);
        writer.WriteString("receivedAt", item.ReceivedAt);
        writer.WritePropertyName("data");
        writer.WriteRawValue(item.Data.Span, skipInputValidation: true);
        if (!item.Enrichment.IsEmpty)
        {
            writer.WritePropertyName("enrichment");
            writer.WriteRawValue(item.Enrichment.Span, skipInputValidation: true);
        }
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
