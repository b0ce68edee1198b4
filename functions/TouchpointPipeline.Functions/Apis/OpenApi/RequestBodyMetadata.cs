namespace TouchpointPipeline.Functions.Apis.OpenApi;

/// <summary>
/// Describes a request body the handler reads itself, for the OpenAPI document only. Unlike <c>Accepts&lt;T&gt;()</c> it
/// does not take part in routing, which would answer 415 to every other content type before the handler runs.
/// </summary>
internal sealed record RequestBodyMetadata(Type BodyType, IReadOnlyList<string> ContentTypes);
