namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// A customer's newest web/app timeline item as far as sessions care: its session id, time and sort key. The detector
/// state keeps it, so the next batch continues the customer's session from the state read it makes anyway instead of
/// a timeline query.
/// </summary>
public sealed record SessionMark(string? SessionId, DateTimeOffset Time, string SortKey);
