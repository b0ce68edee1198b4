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
            using var data = item.Data.IsEmpty ? null : JsonDocument.Parse(item.Data);
            using var enrichment = item.Enrichment.IsEmpty ? null : JsonDocument.Parse(item.Enrichment);
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

    /// <summary>Strings as they are, numbers in round-trip invariant form, booleans as <c>true</c>/<c>false</c>; null otherwise.</summary>
    public static string? Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

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
