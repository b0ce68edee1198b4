namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// The CloudEvents webhook abuse-protection handshake (HTTP 1.1 Web Hooks for Event Delivery section 4.2): a sender such as
/// Azure Event Grid asks with <c>OPTIONS</c> + <c>WebHook-Request-Origin</c> whether it may deliver. Every origin is
/// allowed, because every delivery still needs a write key; the rate limit stays the key's (no WebHook-Allowed-Rate).
/// Without the header this is a CORS preflight that the CORS middleware did not answer: 204 as before.
/// </summary>
internal static class WebhookValidation
{
    public const string RequestOriginHeader = "WebHook-Request-Origin";
    public const string AllowedOriginHeader = "WebHook-Allowed-Origin";

    public static IResult Answer(HttpContext context)
    {
        var origin = context.Request.Headers[RequestOriginHeader].ToString();
        if (string.IsNullOrWhiteSpace(origin))
        {
            return TypedResults.NoContent();
        }

        context.Response.Headers[AllowedOriginHeader] = origin;
        return TypedResults.Ok();
    }
}
