using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TouchpointPipeline.Functions.Collector;

namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary>
/// What the endpoints cannot say about themselves: the title, a server template instead of the requesting host (so the
/// committed document does not depend on who generated it) and the key schemes.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "TouchpointPipeline HTTP APIs",
            Version = "1.0",
            Description = "The collector (POST /api/events: the envelope or the CloudEvents HTTP binding) and the timeline, identity and alert APIs. See docs/api.md.",
        };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "https://{app}.azurewebsites.net",
                Variables = new Dictionary<string, OpenApiServerVariable>(StringComparer.Ordinal) { ["app"] = new() { Default = "my-function-app" } },
            },
        ];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [ApiKeySecurityTransformer.WriteKeyHeader] = ApiKey(WriteKeys.HeaderName, ParameterLocation.Header, "A collector write key (Collector__WriteKeys__<name>__Key)."),
            [ApiKeySecurityTransformer.WriteKeyQuery] = ApiKey(WriteKeys.QueryName, ParameterLocation.Query, "A collector write key in the query, for navigator.sendBeacon."),
            [ApiKeySecurityTransformer.FunctionKeyHeader] = ApiKey("x-functions-key", ParameterLocation.Header, "An Azure Functions function or host key."),
            [ApiKeySecurityTransformer.FunctionKeyQuery] = ApiKey("code", ParameterLocation.Query, "An Azure Functions function or host key in the query."),
        };
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme ApiKey(string name, ParameterLocation location, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, Name = name, In = location, Description = description };
}
