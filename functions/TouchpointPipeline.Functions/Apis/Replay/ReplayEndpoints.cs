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
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromTime = ParseTime(from, nameof(from), errors);
        var toTime = ParseTime(to, nameof(to), errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var report = await replayer.ReplayAsync(new ReplayFilter(function, fromTime, toTime, id), cancellationToken);
        return TypedResults.Json(report, ReplayJsonContext.Default.ReplayReport);
    }

    public static async Task<Results<JsonHttpResult<ReplayReport>, ValidationProblem>> ReplayQuarantinedAsync(
        string? function, string? from, string? to, string? id, QuarantineReplayer replayer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromTime = ParseTime(from, nameof(from), errors);
        var toTime = ParseTime(to, nameof(to), errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var report = await replayer.ReplayAsync(new ReplayFilter(function, fromTime, toTime, id), cancellationToken);
        return TypedResults.Json(report, ReplayJsonContext.Default.ReplayReport);
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
