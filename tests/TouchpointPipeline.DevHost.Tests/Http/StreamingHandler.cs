using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.DevHost.Tests.Http;

/// <summary>A handler whose response body arrives in two parts, the second only once the test releases it.</summary>
internal sealed class StreamingHandler(WebApplication web) : IAsyncDisposable
{
    public const string FirstChunk = "first part;";
    public const string SecondChunk = "second part";

    public Uri Url => new(web.Urls.First());

    public static async Task<StreamingHandler> StartAsync(Task release)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        web.Run(async context =>
        {
            if (context.Request.Path == "/")
            {
                context.Response.StatusCode = 404; // readiness: any answer counts
                return;
            }

            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(FirstChunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await release.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync(SecondChunk, context.RequestAborted);
        });
        await web.StartAsync();
        return new StreamingHandler(web);
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
    }
}
