using Microsoft.AspNetCore.Http.HttpResults;

namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>The two answers the host understands for a trigger invocation (docs/host-protocol.md §7.2).</summary>
internal static class InvocationResults
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoOutputs =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>200 with <c>Content-Type: application/json</c> and a non-empty body: an empty 200 hangs the invocation (§7.1).</summary>
    public static JsonHttpResult<InvocationResponse> Success(params string[] logs) =>
        TypedResults.Json(new InvocationResponse(NoOutputs, logs), HostJsonContext.Default.InvocationResponse);

    /// <summary>Success with output bindings: each value a JSON array of strings, one per Event Hubs event (§7.5).</summary>
    public static JsonHttpResult<InvocationResponse> Success(IReadOnlyDictionary<string, IReadOnlyList<string>> outputs, params string[] logs) =>
        TypedResults.Json(new InvocationResponse(outputs, logs), HostJsonContext.Default.InvocationResponse);

    /// <summary>500 fails the invocation so the host's retry policy runs again with the same data (§7.6). The host ignores the body.</summary>
    public static ProblemHttpResult Failure(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status500InternalServerError, title: "Invocation failed; the host will retry it.");

    /// <summary>413 for a body over the invocation limit: a failure like 500 (the host keeps the batch and retries, §7.6).</summary>
    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Invocation body too large.");
}
