using Microsoft.Net.Http.Headers;

namespace TouchpointPipeline.Functions.Apis.Console;

/// <summary>
/// Forwarded HTTP function <c>Console</c>: the support console's static page at <c>/api/console/</c>. The function is
/// anonymous because the files hold no data; every API call the page makes carries the function key the agent opened it
/// with (<c>?code=</c>, sent as <c>x-functions-key</c>), so data stays behind the alert and timeline functions' keys.
/// </summary>
internal static class ConsoleEndpoints
{
    // No inline script or style, nothing from other origins; the page only talks to its own /api.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        // The pattern is exactly the function.json route; {*path} also matches /api/console itself.
        app.MapGet("/api/console/{*path}", GetConsoleFile).WithTags("Console").WithName("Console").ExcludeFromDescription();
        return app;
    }

    public static IResult GetConsoleFile(string? path, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            // The page's files are referenced relative to /api/console/; the query (the function key) goes along.
            return TypedResults.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }

        var asset = ConsoleAssets.Find(string.IsNullOrEmpty(path) ? ConsoleAssets.IndexName : path);
        if (asset is null)
        {
            return TypedResults.Problem($"The support console has no file '{path}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The page may be opened with ?code=<function key>: never send that URL to anyone as a referrer.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == asset.ETag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}
