namespace TouchpointPipeline.Core.Timelines;

/// <summary>Items newest first; <paramref name="NextSortKey"/> is the sort key to page on from, null at the end.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, string? NextSortKey);
