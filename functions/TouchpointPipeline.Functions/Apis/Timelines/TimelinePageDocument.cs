namespace TouchpointPipeline.Functions.Apis.Timelines;

/// <summary>The shape <see cref="TimelinePageResult"/> writes, for the OpenAPI description only.</summary>
internal sealed record TimelinePageDocument(string CustomerKey, IReadOnlyList<TimelineItemDocument> Items, string? Next);
