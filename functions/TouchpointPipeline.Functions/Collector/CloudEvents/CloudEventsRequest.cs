using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// Reads the events of a structured, batched or binary CloudEvents request (HTTP protocol binding section 3). A body the mode
/// cannot read is a 400 for the whole request; what is wrong with one event is that event's rejection.
/// </summary>
internal static class CloudEventsRequest
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>The events in request order, or null with <paramref name="problem"/> saying why the body is unreadable.</summary>
    public static IReadOnlyList<CloudEventInput>? Read(CloudEventsMode mode, HttpRequest request, ReadOnlyMemory<byte> body, out string? problem)
    {
        problem = null;
        if (mode is CloudEventsMode.Binary)
        {
            return [BinaryModeEvent.From(request.Headers, request.ContentType, body)];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException ex)
        {
            problem = $"The body is not valid JSON: {ex.Message}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (mode is CloudEventsMode.Structured)
            {
                if (root.ValueKind != JsonValueKind.Object)
                {
                    problem = $"A {CloudEventsContentType.Structured} body is one event: a JSON object.";
                    return null;
                }

                return [FromJsonFormat(root)];
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                problem = $"A {CloudEventsContentType.Batched} body is a JSON array of events.";
                return null;
            }

            return [.. root.EnumerateArray().Select(FromJsonFormat)];
        }
    }

    /// <summary>An event in the JSON event format, its bytes as sent, unless its data is not JSON.</summary>
    private static CloudEventInput FromJsonFormat(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var id = element.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            if (element.TryGetProperty("data_base64", out _))
            {
                return CloudEventInput.Rejected(id, QuarantineReason.Invalid, "data_base64",
                    "Touchpoint data is a JSON object: send it as data (datacontenttype application/json), not as data_base64.");
            }

            if (element.TryGetProperty("datacontenttype", out var type) && type.ValueKind == JsonValueKind.String
                && !CloudEventsContentType.IsJson(type.GetString()))
            {
                return CloudEventInput.Rejected(id, QuarantineReason.Invalid, "datacontenttype", CloudEventAttributeNames.NotJsonMessage(type.GetString()));
            }
        }

        return new CloudEventInput(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element).ToArray());
    }
}
