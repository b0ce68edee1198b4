using System.Text.Json;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>The JSON shape of a field test: <c>{"field":"data.holdSeconds","op":"&gt;=","value":300}</c>.</summary>
internal sealed class WhereDocument
{
    public string? Field { get; init; }
    public string? Op { get; init; }
    public JsonElement? Value { get; init; }
}
