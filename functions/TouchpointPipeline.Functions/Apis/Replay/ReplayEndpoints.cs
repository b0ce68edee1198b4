using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// <c>POST /api/replay/parked</c> (function <c>ReplayParked</c>, authLevel function): replays parked batches through
/// the ingest path. Query: <c>function</c>, <c>from</c>/<c>to</c> (parked time, ISO 8601), <c>id</c> (batch id); none
/// = all. Answers the report; a batch that fails again stays parked and is listed as failed.
/// </summary>
internal static class ReplayEndpoints
{
    public const string FunctionName = "ReplayParked";

    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replay/parked", ReplayParkedAsync).WithTags("Replay").WithName(FunctionName);
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
