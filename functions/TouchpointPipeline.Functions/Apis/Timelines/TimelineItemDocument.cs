using System.Text.Json;

namespace TouchpointPipeline.Functions.Apis.Timelines;

/// <summary>One timeline item as <see cref="TimelinePageResult"/> writes it, for the OpenAPI description only.</summary>
internal sealed record TimelineItemDocument(
    string Id, string Type, DateTimeOffset Time, string Channel, string Source, DateTimeOffset ReceivedAt, JsonElement Data,
    DateTimeOffset? DeviceTime = null, DateTimeOffset? EnqueuedTime = null, string? CustomerId = null, string? AnonymousId = null,
    string? SessionId = null, JsonElement? Enrichment = null);
