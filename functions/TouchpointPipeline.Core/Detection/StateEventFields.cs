using System.Globalization;
using System.Text.Json;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Detection;

/// <summary>Builds <see cref="StateEvent"/>s from timeline items: reads the rule fields out of <c>data</c> and <c>enrichment</c>.</summary>
public static class StateEventFields
{
    public static StateEvent From(TimelineItem item, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.Count > 0)
        {
            using var data = TryParse(item.Data);
            using var enrichment = TryParse(item.Enrichment);
            foreach (var field in fields)
            {
                var (root, path) = field.StartsWith("data.", StringComparison.Ordinal) ? (data, field[5..])
                    : field.StartsWith("enrichment.", StringComparison.Ordinal) ? (enrichment, field[11..])
                    : (null, field);
                if (root is not null && TryNavigate(root.RootElement, path, out var element) && Format(element) is { } text)
                {
                    values[field] = text;
                }
            }
        }

        return new StateEvent(item.Id, item.Type, item.Channel.ToWire(), item.Time, values);
    }

    /// <summary>
    /// Strings as they are, numbers in round-trip invariant form, booleans as <c>true</c>/<c>false</c>; null otherwise.
    /// Never throws: a string that is not valid Unicode is null, a number beyond <see cref="double"/> keeps its JSON text
    /// (stored items written before the validator refused them must not fail a batch's detection).
    /// </summary>
    public static string? Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Validation.JsonText.TryGetString(value),
        JsonValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    // Data and enrichment are JSON the pipeline wrote; an item that is not (a store holding older or foreign rows)
    // contributes no fields rather than failing the whole batch's evaluation.
    private static JsonDocument? TryParse(ReadOnlyMemory<byte> json)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryNavigate(JsonElement element, string path, out JsonElement found)
    {
        found = element;
        foreach (var part in path.Split('.'))
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(part, out found))
            {
                return false;
            }
        }

        return true;
    }
}
