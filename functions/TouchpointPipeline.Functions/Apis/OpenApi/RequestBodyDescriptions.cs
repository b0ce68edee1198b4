namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary><c>.DescribesRequestBody&lt;T&gt;(contentTypes)</c> on an endpoint: see <see cref="RequestBodyMetadata"/>.</summary>
internal static class RequestBodyDescriptions
{
    public static TBuilder DescribesRequestBody<TBody, TBuilder>(this TBuilder builder, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TBody), contentTypes));

    public static RouteHandlerBuilder DescribesRequestBody<TBody>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.DescribesRequestBody<TBody, RouteHandlerBuilder>(contentTypes);
}
