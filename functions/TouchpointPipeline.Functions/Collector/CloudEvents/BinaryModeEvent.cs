using System.Buffers;
using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// Turns a binary-mode request (HTTP protocol binding section 3.1) into the same JSON event the structured mode carries: every
/// <c>ce-</c> header becomes an attribute (name lower-cased, value percent-decoded, section 3.1.3), <c>Content-Type</c> becomes
/// <c>datacontenttype</c> and the body becomes <c>data</c>, written as is.
/// </summary>
internal static class BinaryModeEvent
{
    public static CloudEventInput From(IHeaderDictionary headers, string? contentType, ReadOnlyMemory<byte> body)
    {
        var id = headers.TryGetValue(CloudEventsContentType.HeaderPrefix + "id", out var idHeader) ? Decode(idHeader.ToString()) : null;
        var buffer = new ArrayBufferWriter<byte>(body.Length + 512);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        foreach (var (key, value) in headers)
        {
            if (!key.StartsWith(CloudEventsContentType.HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = key[CloudEventsContentType.HeaderPrefix.Length..].ToLowerInvariant();
            if (!CloudEventAttributeNames.IsValid(name) || name is "data" or "data_base64")
            {
                return CloudEventInput.Rejected(id, QuarantineReason.Invalid, name,
                    $"The header '{key}' does not name a CloudEvents attribute: names are lower-case letters and digits (a-z, 0-9), and data travels in the body.");
            }

            // Content-Type is the binary mode's datacontenttype (section 3.1.1); a ce-datacontenttype header would contradict it.
            if (name != "datacontenttype")
            {
                writer.WriteString(name, Decode(value.ToString()));
            }
        }

        if (!string.IsNullOrEmpty(contentType))
        {
            writer.WriteString("datacontenttype", contentType);
        }

        if (!body.IsEmpty)
        {
            if (!CloudEventsContentType.IsJson(contentType))
            {
                return CloudEventInput.Rejected(id, QuarantineReason.Invalid, "datacontenttype", CloudEventAttributeNames.NotJsonMessage(contentType));
            }

            writer.WritePropertyName("data");
            try
            {
                writer.WriteRawValue(body.Span);
            }
            catch (JsonException ex)
            {
                return CloudEventInput.Rejected(id, QuarantineReason.Malformed, "data", $"The body is not valid JSON: {ex.Message}");
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return new CloudEventInput(buffer.WrittenMemory);
    }

    // section 3.1.3.2: values are percent-encoded UTF-8; a malformed escape is kept as sent rather than failing the request.
    private static string Decode(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
