namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>The JSON shape of an event condition: <c>{"types":[…],"channels":[…],"where":[…]}</c>.</summary>
internal sealed class ConditionDocument
{
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<WhereDocument>? Where { get; init; }
}
