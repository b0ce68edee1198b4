using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Functions.Apis.OpenApi;

namespace TouchpointPipeline.Functions.Apis.Alerts;

/// <summary>
/// The alert API as forwarded HTTP functions (authLevel function: the host checks the key before forwarding):
/// list with filters and paging, read one, acknowledge, resolve. Expected outcomes map to ProblemDetails
/// (404 unknown id, 409 a transition the status does not allow, 400 bad input).
/// </summary>
internal static class AlertEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int MaxByLength = 200;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        // The list route is mapped without the group so its pattern is exactly the function.json route (no trailing '/').
        app.MapGet("/api/alerts", ListAlertsAsync).WithTags("Alerts").WithName("ListAlerts").Produces<AlertListResponse>(StatusCodes.Status200OK);
        var group = app.MapGroup("/api/alerts").WithTags("Alerts");
        group.MapGet("/{id}", GetAlertAsync).WithName("GetAlert").Produces<Alert>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeAlert").DescribesRequestBody<AlertActionRequest>("application/json").Produces<Alert>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/resolve", ResolveAsync).WithName("ResolveAlert").DescribesRequestBody<AlertActionRequest>("application/json").Produces<Alert>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<JsonHttpResult<AlertListResponse>, ValidationProblem>> ListAlertsAsync(
        string? status, string? severity, string? customer, int? limit, string? continuation, IAlertStore alerts, PiiHasher hasher, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedStatus = ParseFilter<AlertStatus>(status, "status", "open, acknowledged, resolved", errors);
        var parsedSeverity = ParseFilter<AlertSeverity>(severity, "severity", "low, medium, high, critical", errors);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Support filters by the id they know (an e-mail, anon:<id>); alerts store the protected key, as timelines do.
        customer = string.IsNullOrEmpty(customer) ? null : hasher.ProtectCustomerKey(customer);
        try
        {
            var page = await alerts.ListAsync(
                new AlertQuery(parsedStatus, parsedSeverity, customer, limit ?? DefaultLimit, string.IsNullOrEmpty(continuation) ? null : continuation),
                cancellationToken);
            return TypedResults.Json(new AlertListResponse(page.Items, page.Continuation), AlertApiJsonContext.Default.AlertListResponse);
        }
        catch (ArgumentException ex) when (ex.ParamName == "continuation")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["continuation"] = [ex.Message] });
        }
    }

    public static async Task<Results<JsonHttpResult<Alert>, ProblemHttpResult>> GetAlertAsync(string id, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetAsync(id, cancellationToken) is { } alert
            ? TypedResults.Json(alert, AlertJsonContext.Default.Alert)
            : NotFound(id);

    public static Task<Results<JsonHttpResult<Alert>, ProblemHttpResult, ValidationProblem>> AcknowledgeAsync(
        string id, HttpRequest request, AlertWorkflow workflow, CancellationToken cancellationToken) =>
        TransitionAsync(id, request, (by, ct) => workflow.AcknowledgeAsync(id, by, ct), "acknowledged", cancellationToken);

    public static Task<Results<JsonHttpResult<Alert>, ProblemHttpResult, ValidationProblem>> ResolveAsync(
        string id, HttpRequest request, AlertWorkflow workflow, CancellationToken cancellationToken) =>
        TransitionAsync(id, request, (by, ct) => workflow.ResolveAsync(id, by, ct), "resolved", cancellationToken);

    private static async Task<Results<JsonHttpResult<Alert>, ProblemHttpResult, ValidationProblem>> TransitionAsync(
        string id, HttpRequest request, Func<string, CancellationToken, Task<AlertTransitionResult>> transition, string verb, CancellationToken cancellationToken)
    {
        AlertActionRequest? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, AlertApiJsonContext.Default.AlertActionRequest, cancellationToken);
        }
        catch (JsonException)
        {
            // Reported as a validation problem below.
        }

        if (body?.By is not { Length: > 0 and <= MaxByLength } by || string.IsNullOrWhiteSpace(by))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["by"] = [$"The body must be JSON {{\"by\": \"<who>\"}} with 1 to {MaxByLength} characters naming the agent."],
            });
        }

        var result = await transition(by, cancellationToken);
        return result.Outcome switch
        {
            AlertTransitionOutcome.Changed => TypedResults.Json(result.Alert!, AlertJsonContext.Default.Alert),
            AlertTransitionOutcome.NotFound => NotFound(id),
            _ => TypedResults.Problem(
                $"Alert {id} is {result.Alert!.Status.ToString().ToLowerInvariant()} and cannot be {verb}.",
                statusCode: StatusCodes.Status409Conflict,
                title: "The alert's status does not allow this."),
        };
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No alert has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Alert not found.");

    private static T? ParseFilter<T>(string? value, string name, string allowed, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        errors[name] = [$"{name} must be one of {allowed}."];
        return null;
    }
}
