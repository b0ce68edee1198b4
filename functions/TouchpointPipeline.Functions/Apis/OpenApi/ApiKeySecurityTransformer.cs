using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TouchpointPipeline.Functions.Collector;

namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary>
/// Names each operation's key: the collector's write key for <c>POST /api/events</c> (checked by the handler), the
/// function key for everything else (checked by the Functions host before it forwards, so a new HTTP function is
/// described correctly without doing anything).
/// </summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiOperationTransformer
{
    public const string WriteKeyHeader = "writeKeyHeader";
    public const string WriteKeyQuery = "writeKeyQuery";
    public const string FunctionKeyHeader = "functionKeyHeader";
    public const string FunctionKeyQuery = "functionKeyQuery";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var usesWriteKey = context.Description.ActionDescriptor.EndpointMetadata.OfType<WriteKeyAuthMetadata>().Any();
        var (header, query) = usesWriteKey ? (WriteKeyHeader, WriteKeyQuery) : (FunctionKeyHeader, FunctionKeyQuery);
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(header, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(query, context.Document)] = [] },
        ];
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey("401"))
        {
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = usesWriteKey ? "Missing or unknown write key." : "Missing or wrong function key (answered by the Functions host).",
            };
        }

        return Task.CompletedTask;
    }
}
