using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// <c>POST /api/replay/parked</c> (function <c>ReplayParked</c>) and <c>POST /api/replay/quarantined</c> (function
/// <c>ReplayQuarantined</c>), both authLevel function: replay parked batches, or re-validate quarantined events, through
/// the ingest path. Query: <c>function</c>, <c>from</c>/<c>to</c> (ISO 8601: parked time; a quarantine record's batch
/// time), <c>id</c> (batch id or stored name; for quarantine also an event id); none = all. Answers the report; a batch
/// that fails again stays parked, an event that fails again stays quarantined with its new reason.
/// </summary>
internal static class ReplayEndpoints
{
    public const string FunctionName = "ReplayParked";

    public const string QuarantinedFunctionName = "ReplayQuarantined";

    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replay/parked", ReplayParkedAsync).WithTags("Replay").WithName(FunctionName);
        app.MapPost("/api/replay/quarantined", ReplayQuarantinedAsync).WithTags("Replay").WithName(QuarantinedFunctionName);
        return app;
    }

    public static async Task<Results<JsonHttpResult<ReplayReport>, ValidationProblem>> ReplayParkedAsync(
        string? function, string? from, string? to, string? id, ParkedBatchReplayer replayer, CancellationToken cancellationToken)
    {
        if (!TryParseFilter(function, from, to, id, out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var report = await replayer.ReplayAsync(filter, cancellationToken);
        return TypedResults.Json(report, ReplayJsonContext.Default.ReplayReport);
    }

    public static async Task<Results<JsonHttpResult<ReplayReport>, ValidationProblem>> ReplayQuarantinedAsync(
        string? function, string? from, string? to, string? id, QuarantineReplayer replayer, CancellationToken cancellationToken)
    {
        if (!TryParseFilter(function, from, to, id, out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var report = await replayer.ReplayAsync(filter, cancellationToken);
        return TypedResults.Json(report, ReplayJsonContext.Default.ReplayReport);
    }

    /// <summary>The query both replays share; false with the problems when a time is not ISO 8601.</summary>
    private static bool TryParseFilter(string? function, string? from, string? to, string? id, out ReplayFilter filter, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        filter = new ReplayFilter(function, ParseTime(from, nameof(from), errors), ParseTime(to, nameof(to), errors), id);
        return errors.Count == 0;
    }

    private static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{name}' must be an ISO 8601 time, e.g. 2026-11-20T10:00:00Z."];
        return null;
    }
}
