using System.Text.Json.Nodes;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>One entry of a function.json <c>bindings</c> array, with <c>%Setting%</c> references already resolved.</summary>
internal sealed record BindingDefinition(string Type, string Direction, string Name, JsonObject Properties)
{
    public bool IsIn => string.Equals(Direction, "in", StringComparison.OrdinalIgnoreCase);

    public bool IsOut => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public string? GetString(string property) =>
        Find(property) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool GetBool(string property, bool fallback) => Find(property) switch
    {
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        JsonValue value when value.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => fallback,
    };

    public IReadOnlyList<string> GetStrings(string property) => Find(property) is JsonArray array
        ? [.. array.Select(item => item?.GetValue<string>()).OfType<string>()]
        : [];

    /// <summary>The host binds function.json case-insensitively (<c>eventHubName</c>, <c>EventHubName</c>, <c>path</c> aliases aside).</summary>
    private JsonNode? Find(string property) =>
        Properties.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value;
}
