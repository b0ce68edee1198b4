namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// A page request: at most <paramref name="Limit"/> items, newest first, whose sort key is strictly below
/// <paramref name="BeforeSortKey"/> (all items when null).
/// </summary>
public sealed record TimelineQuery(int Limit, string? BeforeSortKey);
