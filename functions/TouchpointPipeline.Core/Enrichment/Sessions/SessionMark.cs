namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// A customer's newest web/app timeline item as far as sessions care: its session id, time and sort key. The detector
/// state keeps it, so the next batch continues the customer's session from the state read it makes anyway instead of
/// a timeline query.
/// </summary>
public sealed record SessionMark(string? SessionId, DateTimeOffset Time, string SortKey)
{
    /// <summary>No item: what comes before a customer's first batch (sorts before every item, carries no session).</summary>
    public static SessionMark Nothing { get; } = new(null, DateTimeOffset.MinValue, string.Empty);

    /// <summary>The earliest web/app sort key of the batch that set this mark.</summary>
    public string? BatchStart { get; init; }

    /// <summary>
    /// The mark before that batch (its own <see cref="Before"/> dropped): a redelivery of the batch starts at
    /// <see cref="BatchStart"/> and continues from here, as its first delivery did, without a timeline query.
    /// </summary>
    public SessionMark? Before { get; init; }

    /// <summary>The newest item before <paramref name="sortKey"/> this mark knows, or null when it cannot tell.</summary>
    public SessionMark? Preceding(string sortKey) =>
        string.CompareOrdinal(SortKey, sortKey) < 0 ? this
        : string.Equals(BatchStart, sortKey, StringComparison.Ordinal) && Before is { } before && string.CompareOrdinal(before.SortKey, sortKey) < 0 ? before
        : null;
}
