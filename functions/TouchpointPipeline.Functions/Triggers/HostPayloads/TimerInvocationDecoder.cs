using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>
/// Reads a timerTrigger body leniently: <c>ScheduleStatus</c> may be null, dates may carry <c>Z</c>, an offset or no
/// zone (docs/host-protocol.md §5), and property names are matched case-insensitively as the host's own parser does.
/// </summary>
internal static class TimerInvocationDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> body, string bindingName, [NotNullWhen(true)] out TimerInvocation? invocation, [NotNullWhen(false)] out string? error)
    {
        invocation = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || Property(document.RootElement, "Data") is not { ValueKind: JsonValueKind.Object } data
                || Property(data, bindingName) is not { ValueKind: JsonValueKind.Object } timer)
            {
                error = $"The invocation body has no Data.{bindingName} object.";
                return false;
            }

            var isPastDue = Property(timer, "IsPastDue") is { ValueKind: JsonValueKind.True };
            DateTimeOffset? next = null;
            if (Property(timer, "ScheduleStatus") is { ValueKind: JsonValueKind.Object } status
                && Property(status, "Next") is { ValueKind: JsonValueKind.String } nextText
                && DateTimeOffset.TryParse(nextText.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                next = parsed;
            }

            invocation = new TimerInvocation(isPastDue, next);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The invocation body is not JSON: {ex.Message}";
            return false;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
