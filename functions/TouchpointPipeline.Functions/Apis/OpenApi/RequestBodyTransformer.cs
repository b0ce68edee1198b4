using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary>Writes the request bodies named by <see cref="RequestBodyMetadata"/> into the operation.</summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var body in context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>())
        {
            var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken);
            operation.RequestBody ??= new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) };
            foreach (var contentType in body.ContentTypes)
            {
                operation.RequestBody.Content![contentType] = new OpenApiMediaType { Schema = schema };
            }
        }
    }
}
