using Microsoft.AspNetCore.Http.HttpResults;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Apis.Timelines;

/// <summary>
/// Forwarded HTTP functions (<c>enableForwardingHttpRequest</c>): the host sends the original request to the same
/// path, <c>/api/…</c> included (docs/host-protocol.md §6.2), and passes our response through.
/// </summary>
internal static class TimelineEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/customers").WithTags("Timeline")
            .MapGet("/{customerKey}/timeline", GetTimelineAsync)
            .WithName("GetTimeline")
            .Produces<TimelinePageDocument>(StatusCodes.Status200OK);
        return app;
    }

    public static async Task<Results<TimelinePageResult, ValidationProblem>> GetTimelineAsync(
        string customerKey, int? limit, string? before, CustomerTimelineReader timelines, PiiHasher hasher, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (!TimelineCursor.TryDecode(before, out var beforeSortKey, out var cursorError))
        {
            errors["before"] = [cursorError];
        }

        if (string.IsNullOrWhiteSpace(customerKey) || customerKey.Length > 300)
        {
            errors["customerKey"] = ["customerKey must be 1 to 300 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // People look customers up by the id they know; an e-mail id is stored only as its salted hash.
        customerKey = hasher.ProtectCustomerKey(customerKey);
        var page = await timelines.GetPageAsync(customerKey, new TimelineQuery(limit ?? DefaultLimit, beforeSortKey), cancellationToken);
        return new TimelinePageResult(customerKey, page);
    }
}
