using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>The collector's HTTP answers other than 202: ProblemDetails, with Retry-After where a retry can succeed.</summary>
internal static class CollectorResults
{
    public static IResult Unauthorized() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Missing or unknown write key",
        detail: $"Send the write key in the {WriteKeys.HeaderName} header (or the {WriteKeys.QueryName} query parameter for sendBeacon).");

    public static IResult Forbidden(WriteKeyGrant grant) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Write key not issued for these sources",
        detail: $"The write key '{grant.Name}' is not issued for any source in this batch.");

    public static IResult TooLarge(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large", detail: detail);

    public static IResult Unreadable(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Unreadable batch", detail: detail);

    /// <summary>400 when no event was accepted: the ProblemDetails carries the same per-event body as a 202.</summary>
    public static IResult NoneAccepted(CollectResponse response) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "No event accepted",
        detail: $"All {response.Rejected} events were rejected; see results.",
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["accepted"] = response.Accepted,
            ["rejected"] = response.Rejected,
            ["results"] = response.Results,
        });

    /// <summary>503 + Retry-After; with <paramref name="partial"/>, the per-event results (which events were published).</summary>
    public static IResult Unavailable(HttpContext context, TimeSpan retryAfter, string detail, CollectResponse? partial = null)
    {
        SetRetryAfter(context, retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Events not accepted; retry", detail: detail,
            extensions: partial is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["accepted"] = partial.Accepted,
                ["rejected"] = partial.Rejected,
                ["results"] = partial.Results,
            });
    }

    /// <summary>429 from the per-key event bucket: the batch was counted against nothing and may be retried whole.</summary>
    public static IResult EventsRateLimited(HttpContext context, TimeSpan retryAfter, int count)
    {
        SetRetryAfter(context, retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded",
            detail: $"Too many events for this write key (this batch has {count}); retry after the Retry-After delay.");
    }

    public static async ValueTask WriteRateLimitedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        SetRetryAfter(context, retryAfter);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded",
            detail: "Too many requests for this write key; retry after the Retry-After delay.").ExecuteAsync(context);
    }

    private static void SetRetryAfter(HttpContext context, TimeSpan retryAfter) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
