using System.Text.Json;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// Reads the handler's answer the way the host does (docs/host-protocol.md §7.1): non-2xx fails and the body is ignored; the
/// content type must be JSON; property names match case-insensitively, but <c>Outputs</c> keys are matched exactly
/// later; <c>Logs</c> must be an array of strings or null.
/// </summary>
internal static class InvocationResponseReader
{
    public static async Task<(InvocationResponse? Response, FailureInfo? Failure)> ReadAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        var status = (int)message.StatusCode;
        if (status is < 200 or > 299)
        {
            return (null, new FailureInfo("System.Net.Http.HttpRequestException", $"Response status code does not indicate success: {status} ({message.ReasonPhrase}).", status));
        }

        var mediaType = message.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "text/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Invalid($"the response's Content-Type is '{mediaType ?? "(none: read as application/octet-stream)"}'; the host only reads application/json (docs/host-protocol.md §7.1)", status));
        }

        var body = await message.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return (null, Invalid("the response body is empty; the real host would wait for this invocation until functionTimeout and restart (send at least {})", status));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return (null, Invalid("the response body is null; the real host would never complete this invocation (send at least {})", status));
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid($"the response body is a JSON {root.ValueKind}, not an object", status));
            }

            var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var logs = new List<string>();
            JsonElement? returnValue = null;
            foreach (var property in root.EnumerateObject())
            {
                if (string.Equals(property.Name, "Outputs", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var output in property.Value.EnumerateObject())
                        {
                            outputs[output.Name] = output.Value.Clone();
                        }
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        return (null, Invalid("Outputs must be a JSON object", status));
                    }
                }
                else if (string.Equals(property.Name, "Logs", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var log in property.Value.EnumerateArray())
                        {
                            if (log.ValueKind != JsonValueKind.String && log.ValueKind != JsonValueKind.Null)
                            {
                                return (null, Invalid("Logs must be an array of strings", status));
                            }

                            logs.Add(log.GetString() ?? string.Empty);
                        }
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        return (null, Invalid("Logs must be an array of strings or null", status));
                    }
                }
                else if (string.Equals(property.Name, "ReturnValue", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    returnValue = property.Value.Clone();
                }
            }

            return (new InvocationResponse(outputs, logs, returnValue), null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid($"the response body is not JSON: {ex.Message}", status));
        }
    }

    private static FailureInfo Invalid(string reason, int status) =>
        new("System.InvalidOperationException", $"Invalid HttpResponseMessage: {reason}.", status);
}
