using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.Apis.Alerts;

/// <summary>A page of <c>GET /api/alerts</c>: newest first; pass <see cref="Next"/> as <c>continuation</c> for the next page.</summary>
internal sealed record AlertListResponse(IReadOnlyList<Alert> Items, string? Next);
