using System.Net;
using TouchpointPipeline.DevHost.DemoSite;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.DemoSite;

/// <summary>The dev host serves the browser SDK's demo shop at /demo/ and its build at /dist/, and nothing else of the folder.</summary>
public sealed class DemoSiteTests : IAsyncLifetime
{
    private readonly TestFunctionApp _app = new();
    private readonly string _sdk = Directory.CreateTempSubdirectory("devhost-sdk-").FullName;
    private FakeHandler _handler = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_sdk, "demo"));
        Directory.CreateDirectory(Path.Combine(_sdk, "dist"));
        await File.WriteAllTextAsync(Path.Combine(_sdk, "demo", "index.html"), "<!doctype html><title>shop</title>", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_sdk, "dist", "touchpoint.min.js"), "/* sdk */", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_sdk, "package.json"), "{}", TestContext.Current.CancellationToken);
        _handler = await FakeHandler.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _handler.DisposeAsync();
        _app.Dispose();
        Directory.Delete(_sdk, recursive: true);
    }

    [Fact]
    public async Task Demo_GivenSdkFolder_ServesTheShopAndTheSdkBuildOnly()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, null, "--sdk", _sdk);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        using var bare = await noRedirect.GetAsync(new Uri("/demo", UriKind.Relative), ct);
        using var index = await host.Client.GetAsync(new Uri("/demo/", UriKind.Relative), ct);
        using var script = await host.Client.GetAsync(new Uri("/dist/touchpoint.min.js", UriKind.Relative), ct);
        using var outside = await host.Client.GetAsync(new Uri("/demo/..%2Fpackage.json", UriKind.Relative), ct);

        Assert.True(bare.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, $"/demo answered {(int)bare.StatusCode}");
        Assert.EndsWith("/demo/", bare.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>shop</title>", await index.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("/* sdk */", await script.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public void BuiltSdkDirectory_IsTheRepositorysSdkFolder() =>
        Assert.True(File.Exists(Path.Combine(DemoSiteExtensions.BuiltSdkDirectory()!, "demo", "index.html")));
}
