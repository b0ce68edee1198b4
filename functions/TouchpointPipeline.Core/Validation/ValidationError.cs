namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// One reason an event is invalid. <paramref name="Field"/> is a JSON path from the event root (<c>data.x</c>,
/// <c>time</c>); <paramref name="Rule"/> is the JSON Schema keyword that failed (<c>required</c>, <c>type</c>,
/// <c>enum</c>, <c>maximum</c>…) or a pipeline rule (<c>maxBytes</c>, <c>json</c>, <c>late</c>, <c>future</c>).
/// </summary>
public sealed record ValidationError(string Field, string Rule, string Message)
{
    public override string ToString() => $"{Field}: {Rule}: {Message}";
}
