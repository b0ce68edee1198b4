using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>
/// A stand-in custom handler on a free port: records every request the dev host sends and answers with
/// <see cref="Respond"/> (default: 200 <c>{}</c>, the minimal valid invocation response).
/// </summary>
internal sealed class FakeHandler : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHandler(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, HandlerAnswer> Respond { get; set; } = _ => HandlerAnswer.Ok();

    public Uri Url => new(_app.Urls.First());

    public IEnumerable<RecordedRequest> InvocationsOf(string function) => Requests.Where(r => r.Path == "/" + function);

    public static async Task<FakeHandler> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var handler = new FakeHandler(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            if (recorded.Path == "/" && recorded.Method == "GET")
            {
                context.Response.StatusCode = 404; // readiness: any answer counts (docs/host-protocol.md §1.2)
                return;
            }

            handler.Requests.Enqueue(recorded);
            var answer = handler.Respond(recorded);
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (answer.ContentType is not null)
            {
                context.Response.ContentType = answer.ContentType;
            }

            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        });
        await app.StartAsync();
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
