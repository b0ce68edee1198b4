namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of every HTTP API under <c>/api/</c>, built from the endpoints themselves and served as
/// the forwarded HTTP function <c>GetOpenApi</c> (<c>GET /api/openapi.json</c>, authLevel function). The committed copy
/// is <c>docs/openapi.json</c>; a test fails when the two differ (docs/api.md says how to refresh it).
/// </summary>
internal static class OpenApiEndpoints
{
    public const string Route = "/api/openapi.json";
    public const string DocumentName = "v1";

    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;

            // Public APIs only: not the host's trigger invocations (POST /{Function}), the liveness GET / or CORS preflights.
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true
                && !string.Equals(description.HttpMethod, HttpMethods.Options, StringComparison.OrdinalIgnoreCase);
            options.AddSchemaTransformer<StringEnumSchemaTransformer>();
            options.AddOperationTransformer<RequestBodyTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Route).WithName("GetOpenApi").WithTags("OpenAPI");
        return app;
    }
}
