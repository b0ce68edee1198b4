using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace TouchpointPipeline.DevHost.DemoSite;

/// <summary>
/// Serves the browser SDK's demo shop beside the function app, so the shop, its collector (<c>/api/events</c>) and the
/// APIs share one origin as on a real site: <c>sdk/js/demo</c> at <c>/demo/</c> and <c>sdk/js/dist</c> at <c>/dist/</c>
/// (the demo loads <c>../dist/touchpoint.min.js</c>). Static files only; nothing else of the repository is reachable.
/// </summary>
internal static class DemoSiteExtensions
{
    public static WebApplication UseDemoSite(this WebApplication app, string? sdkPath)
    {
        var root = sdkPath is { Length: > 0 } given ? Path.GetFullPath(given, app.Environment.ContentRootPath) : BuiltSdkDirectory();
        var demo = root is null ? null : Path.Combine(root, "demo");
        var dist = root is null ? null : Path.Combine(root, "dist");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSiteExtensions).FullName!);
        if (demo is null || dist is null || !Directory.Exists(demo) || !Directory.Exists(dist))
        {
            DevHostLog.DemoSiteUnavailable(logger, root ?? "(unknown)");
            return app;
        }

        Serve(app, demo, "/demo");
        Serve(app, dist, "/dist");
        return app;
    }

    /// <summary>The repository's <c>sdk/js</c>, recorded when the dev host was built (see the csproj).</summary>
    public static string? BuiltSdkDirectory() =>
        typeof(DemoSiteExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SdkJsDirectory")?.Value;

    private static void Serve(WebApplication app, string folder, string requestPath)
    {
        var files = new PhysicalFileProvider(folder);
        // /demo redirects to /demo/, which serves index.html.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = requestPath });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = requestPath,
            // The SDK is edited and rebuilt while the dev host runs: always revalidate.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
