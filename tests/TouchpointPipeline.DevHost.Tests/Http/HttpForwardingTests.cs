using System.Net;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Http;

/// <summary>HTTP functions are forwarded as the host does with enableForwardingHttpRequest (docs/host-protocol.md §6.2).</summary>
public sealed class HttpForwardingTests : IAsyncLifetime
{
    private readonly TestFunctionApp _app = new TestFunctionApp()
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
    public async Task Get_MatchingRoute_ForwardsPathQueryAndHeadersAndPassesTheResponseThrough()
    {
        _handler.Respond = _ => new HandlerAnswer(418, "text/plain", "teapot", new Dictionary<string, string> { ["X-Handler"] = "yes" });
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/42?expand=items&tag=a%20b");
        request.Headers.TryAddWithoutValidation("User-Agent", "Shop/1.0");
        request.Headers.Add("X-Custom", "v1");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var forwarded = Assert.Single(_handler.Requests);
        Assert.Equal("GET", forwarded.Method);
        Assert.Equal("/api/orders/42", forwarded.Path);
        Assert.Equal("?expand=items&tag=a%20b", forwarded.Query);
        Assert.Equal("v1", forwarded.Headers["X-Custom"]);
        Assert.Equal("Shop/1.0 Azure-Functions-Host/4.1037.1.1", forwarded.Headers["User-Agent"]);
        Assert.True(Guid.TryParse(forwarded.Headers["X-Azure-Functions-InvocationId"], out _));
        Assert.Equal("4.1037.1.1", forwarded.Headers["X-Azure-Functions-HostVersion"]);
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Handler").Single());
        Assert.Equal("teapot", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_WithBody_ForwardsTheBody()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);

        using var response = await host.Client.PostAsync(
            new Uri("/api/events?writeKey=k", UriKind.Relative), new StringContent("""{"events":[]}""", System.Text.Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        var forwarded = Assert.Single(_handler.Requests);
        Assert.Equal("POST", forwarded.Method);
        Assert.Equal("""{"events":[]}""", forwarded.Body);
        Assert.StartsWith("text/plain", forwarded.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_ChunkedBody_IsDroppedAsTheLegacyForwardingDoes()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StreamContent(new MemoryStream("""{"events":[]}"""u8.ToArray())) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        // HttpRequestExtensions.ToHttpRequestMessage copies the body only when Content-Length > 0.
        var forwarded = Assert.Single(_handler.Requests);
        Assert.Empty(forwarded.Body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/orders/not-a-number")]
    [InlineData("GET", "/api/unknown")]
    [InlineData("DELETE", "/api/orders/42")]
    public async Task Request_NoMatchingFunction_Is404AndNotForwarded(string method, string path)
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_handler.Requests);
    }
}
