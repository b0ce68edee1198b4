using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.Outputs;

/// <summary>
/// Turns an <c>eventHub</c> output value into event bodies as the host does (docs/host-protocol.md §7.4, §7.5): an array gives
/// one event per element (strings exact, objects as indented JSON); a string is first tried as base64 (the host's
/// trap: valid base64 is decoded), then as JSON text of an array or object; other values give one event.
/// </summary>
internal static class EventHubOutputConverter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ConvertedOutput Convert(JsonElement value, bool binary)
    {
        var bodies = new List<string>();
        string? warning = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            case JsonValueKind.Array:
                AddElements(value, bodies);
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (!binary && IsBase64(text, out var bytes))
                {
                    bodies.Add(Encoding.UTF8.GetString(bytes));
                    warning = "the output is a string that is valid base64, so the host decodes it and sends the decoded bytes (docs/host-protocol.md §7.4); send a JSON array of strings instead";
                    break;
                }

                var trimmed = text.Trim();
                if ((trimmed.StartsWith('[') && trimmed.EndsWith(']')) || (trimmed.StartsWith('{') && trimmed.EndsWith('}')))
                {
                    try
                    {
                        using var parsed = JsonDocument.Parse(trimmed);
                        if (parsed.RootElement.ValueKind == JsonValueKind.Array)
                        {
                            AddElements(parsed.RootElement, bodies);
                        }
                        else
                        {
                            bodies.Add(Render(parsed.RootElement));
                        }

                        break;
                    }
                    catch (JsonException)
                    {
                        // Not JSON after all: sent as the plain string below.
                    }
                }

                bodies.Add(text);
                break;
            default:
                bodies.Add(Render(value));
                break;
        }

        return new ConvertedOutput(bodies, warning);
    }

    private static void AddElements(JsonElement array, List<string> bodies)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            bodies.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : Render(item));
        }
    }

    /// <summary>Objects and arrays as Newtonsoft's <c>JToken.ToString()</c> (indented); numbers and booleans as C# prints them.</summary>
    private static string Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number => value.GetRawText(),
        _ => JsonSerializer.Serialize(value, Indented),
    };

    private static bool IsBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (text.Length > 0 && System.Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
