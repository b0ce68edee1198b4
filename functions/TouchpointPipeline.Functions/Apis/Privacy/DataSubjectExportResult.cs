using System.Text.Json;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Functions.Apis.Timelines;

namespace TouchpointPipeline.Functions.Apis.Privacy;

/// <summary>
/// Writes a <see cref="DataSubjectExport"/> as one JSON document: timeline items as the timeline API writes them,
/// alerts and detector state as stored, identity links and refusals, and dead-letter records as stored JSON.
/// </summary>
internal sealed class DataSubjectExportResult(DataSubjectExport export) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("customerId", export.Subject.CustomerId);
        writer.WriteStartArray("anonymousIds");
        foreach (var id in export.Subject.AnonymousIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteString("exportedAt", export.ExportedAt);
        writer.WriteStartArray("timeline");
        foreach (var item in export.Timeline)
        {
            TimelinePageResult.WriteItem(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("links");
        foreach (var link in export.Links)
        {
            WriteLink(writer, link);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rejections");
        foreach (var rejection in export.Rejections)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("attempt");
            WriteLink(writer, rejection.Attempt);
            writer.WriteString("outcome", rejection.Outcome.ToString());
            writer.WriteString("existingCustomerId", rejection.ExistingCustomerId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("alerts");
        foreach (var alert in export.Alerts)
        {
            writer.WriteRawValue(AlertJson.SerializeToUtf8Bytes(alert), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("detectorStates");
        foreach (var state in export.DetectorStates)
        {
            writer.WriteRawValue(DetectorStateJson.SerializeToUtf8Bytes(state), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("deadLetters");
        foreach (var record in export.DeadLetters)
        {
            writer.WriteStartObject();
            writer.WriteString("store", record.Store);
            writer.WriteString("name", record.Name);
            writer.WritePropertyName("record");
            writer.WriteRawValue(record.Json);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static void WriteLink(Utf8JsonWriter writer, IdentityLink link)
    {
        writer.WriteStartObject();
        writer.WriteString("anonymousId", link.AnonymousId);
        writer.WriteString("customerId", link.CustomerId);
        writer.WriteString("eventId", link.EventId);
        writer.WriteString("source", link.Source);
        writer.WriteString("linkedAt", link.LinkedAt);
        writer.WriteEndObject();
    }
}
