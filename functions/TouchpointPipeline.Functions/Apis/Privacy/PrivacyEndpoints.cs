using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Functions.Apis.OpenApi;

namespace TouchpointPipeline.Functions.Apis.Privacy;

/// <summary>
/// Admin functions per data subject (authLevel function): <c>POST /api/privacy/export</c> (<c>ExportDataSubject</c>)
/// answers everything held about the person; <c>POST /api/privacy/erase</c> (<c>EraseDataSubject</c>) erases them from
/// every store and the dead letters and records tombstones, answering what was deleted. The body names the person:
/// <c>{"customerId": "&lt;customer id or e-mail&gt;"}</c>; linked anonymous ids are included.
/// </summary>
internal static class PrivacyEndpoints
{
    public const string ExportFunctionName = "ExportDataSubject";
    public const string EraseFunctionName = "EraseDataSubject";
    private const int MaxCustomerIdLength = 300;

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/privacy").WithTags("Privacy");
        group.MapPost("/export", ExportAsync).WithName(ExportFunctionName)
            .DescribesRequestBody<DataSubjectRequest>("application/json")
            .Produces<DataSubjectExportDocument>(StatusCodes.Status200OK);
        group.MapPost("/erase", EraseAsync).WithName(EraseFunctionName)
            .DescribesRequestBody<DataSubjectRequest>("application/json")
            .Produces<ErasureReport>(StatusCodes.Status200OK);
        return app;
    }

    public static async Task<Results<DataSubjectExportResult, ValidationProblem>> ExportAsync(
        HttpRequest request, DataSubjectService subjects, CancellationToken cancellationToken)
    {
        if (await ReadCustomerIdAsync(request, cancellationToken) is not { } customerId)
        {
            return Invalid();
        }

        return new DataSubjectExportResult(await subjects.ExportAsync(customerId, cancellationToken));
    }

    public static async Task<Results<JsonHttpResult<ErasureReport>, ValidationProblem>> EraseAsync(
        HttpRequest request, DataSubjectService subjects, CancellationToken cancellationToken)
    {
        if (await ReadCustomerIdAsync(request, cancellationToken) is not { } customerId)
        {
            return Invalid();
        }

        var report = await subjects.EraseAsync(customerId, cancellationToken);
        return TypedResults.Json(report, PrivacyJsonContext.Default.ErasureReport);
    }

    private static async Task<string?> ReadCustomerIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, PrivacyJsonContext.Default.DataSubjectRequest, cancellationToken);
            return body?.CustomerId is { Length: > 0 and <= MaxCustomerIdLength } id && !string.IsNullOrWhiteSpace(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ValidationProblem Invalid() => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["customerId"] = [$"The body must be JSON {{\"customerId\": \"<customer id or e-mail>\"}} with 1 to {MaxCustomerIdLength} characters."],
    });
}
