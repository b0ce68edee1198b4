using System.Net;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Http;

/// <summary>
/// HTTP functions are proxied as the host does with enableProxyingHttpRequest (its YARP forwarder with the default
/// transforms), which wins over enableForwardingHttpRequest when both are on, as in the app's host.json.
/// </summary>
public sealed class HttpProxyingTests : IAsyncLifetime
{
    private const string BothModesHostJson = """
        {
          "version": "2.0",
          "customHandler": { "description": { "defaultExecutablePath": "handler" }, "enableProxyingHttpRequest": true, "enableForwardingHttpRequest": true },
          "extensions": { "http": { "routePrefix": "api" } }
        }
        """;

    private readonly TestFunctionApp _app = new TestFunctionApp(BothModesHostJson)
        .With("GetOrder", """
            { "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["get"], "route": "orders/{id:int}" },
                            { "type": "http", "direction": "out", "name": "res" } ] }
            """)
        .With("Collect", """
            { "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"], "route": "events" },
                            { "type": "http", "direction": "out", "name": "res" } ] }
            """);

    private FakeHandler _handler = null!;

    public async ValueTask InitializeAsync() => _handler = await FakeHandler.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _handler.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public void Load_RealFunctionApp_ProxiesWithForwardingAsTheFallbackForOlderHosts()
    {
        var manifest = FunctionAppManifest.Load(DevHostApplication.BuiltFunctionAppDirectory(), AppSettingsLoader.Load(new DevHostOptions(), Directory.GetCurrentDirectory()));

        Assert.True(manifest.Host.EnableProxyingHttpRequest);
        Assert.True(manifest.Host.EnableForwardingHttpRequest);
    }

    [Fact]
    public async Task Get_Proxying_SendsExactQueryAndReplacesHostWithForwardedHeaders()
    {
        _handler.Respond = _ => new HandlerAnswer(418, "text/plain", "teapot", new Dictionary<string, string> { ["X-Handler"] = "yes" });
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/42?tag=a&tag=b&q=a%20b");
        request.Headers.Host = "shop.example.com";
        request.Headers.TryAddWithoutValidation("User-Agent", "Shop/1.0");
        request.Headers.Add("X-Custom", "v1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var proxied = Assert.Single(_handler.Requests);
        Assert.Equal("GET", proxied.Method);
        Assert.Equal("/api/orders/42", proxied.Path);
        Assert.Equal("?tag=a&tag=b&q=a%20b", proxied.Query);
        Assert.Equal(_handler.Url.Authority, proxied.Headers["Host"]);
        Assert.Equal("shop.example.com", proxied.Headers["X-Forwarded-Host"]);
        Assert.Equal("127.0.0.1", proxied.Headers["X-Forwarded-For"]);
        Assert.Equal("http", proxied.Headers["X-Forwarded-Proto"]);
        Assert.Equal("v1", proxied.Headers["X-Custom"]);
        Assert.Equal("Shop/1.0", proxied.Headers["User-Agent"]);
        Assert.True(Guid.TryParse(proxied.Headers["X-Azure-Functions-InvocationId"], out _));
        Assert.Equal(proxied.Headers["X-Azure-Functions-InvocationId"], proxied.Headers["x-ms-invocation-id"]);
        Assert.Equal("4.1037.1.1", proxied.Headers["X-Azure-Functions-HostVersion"]);
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Handler").Single());
        Assert.Equal("teapot", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_ChunkedBody_IsProxied()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        using var content = new StreamContent(new MemoryStream("""{"events":[]}"""u8.ToArray()));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var proxied = Assert.Single(_handler.Requests);
        Assert.Equal("""{"events":[]}""", proxied.Body);
        Assert.Equal("application/json", proxied.Headers["Content-Type"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_EmptyErrorResponse_IsPassedThroughWithoutAProblemBody()
    {
        _handler.Respond = _ => new HandlerAnswer(404, null, string.Empty, new Dictionary<string, string>());
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);

        using var response = await host.Client.GetAsync(new Uri("/api/orders/7", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_StreamedResponse_ReachesTheClientBeforeTheHandlerFinishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var streaming = await StreamingHandler.StartAsync(release.Task);
        await using var host = await RunningDevHost.StartAsync(_app.Directory, streaming.Url);

        using var response = await host.Client.GetAsync(new Uri("/api/orders/1", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var first = new byte[StreamingHandler.FirstChunk.Length];
        await body.ReadExactlyAsync(first, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var handlerStillWriting = !release.Task.IsCompleted;
        release.SetResult();
        using var reader = new StreamReader(body);
        var rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.True(handlerStillWriting);
        Assert.Equal(StreamingHandler.FirstChunk, System.Text.Encoding.UTF8.GetString(first));
        Assert.Equal(StreamingHandler.SecondChunk, rest);
    }
}
