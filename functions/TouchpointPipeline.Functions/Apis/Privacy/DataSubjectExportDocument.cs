using System.Text.Json;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Functions.Apis.Timelines;

namespace TouchpointPipeline.Functions.Apis.Privacy;

/// <summary>The export as <see cref="DataSubjectExportResult"/> writes it, for the OpenAPI description only.</summary>
internal sealed record DataSubjectExportDocument(
    string CustomerId,
    IReadOnlyList<string> AnonymousIds,
    DateTimeOffset ExportedAt,
    IReadOnlyList<TimelineItemDocument> Timeline,
    IReadOnlyList<JsonElement> Links,
    IReadOnlyList<JsonElement> Rejections,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<JsonElement> DetectorStates,
    IReadOnlyList<JsonElement> DeadLetters);
