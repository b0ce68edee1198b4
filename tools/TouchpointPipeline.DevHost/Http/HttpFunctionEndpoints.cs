using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.Http;

/// <summary>
/// One endpoint per <c>httpTrigger</c> function at <c>/{routePrefix}/{route}</c> (the function name when there is no
/// route) with its <c>methods</c> (all when absent), so ASP.NET Core routing applies the same templates and
/// constraints the host does. Anything else under the prefix is a 404. Auth levels are not enforced (as
/// <c>func start</c>, which runs every function anonymously).
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctionEndpoints(this IEndpointRouteBuilder app, FunctionAppManifest manifest)
    {
        var prefix = manifest.Host.RoutePrefix.Length == 0 ? string.Empty : "/" + manifest.Host.RoutePrefix;
        foreach (var function in manifest.WithTrigger("httpTrigger"))
        {
            var trigger = function.Trigger!;
            var pattern = $"{prefix}/{(trigger.GetString("route") ?? function.Name).TrimStart('/')}";
            var methods = trigger.GetStrings("methods").Select(m => m.ToUpperInvariant()).ToArray();
            var endpoint = methods.Length == 0
                ? app.Map(pattern, (HttpContext context, HttpForwarder forwarder) => forwarder.ForwardAsync(context, function))
                : app.MapMethods(pattern, methods, (HttpContext context, HttpForwarder forwarder) => forwarder.ForwardAsync(context, function));
            endpoint.WithName($"Function.{function.Name}").WithDisplayName($"Function {function.Name}");
        }

        var fallback = (HttpContext context) => TypedResults.Problem(
            $"No HTTP function of the app matches {context.Request.Method} {context.Request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        if (prefix.Length > 0)
        {
            app.Map(prefix + "/{**path}", fallback).WithOrder(int.MaxValue);
        }

        return app;
    }
}
