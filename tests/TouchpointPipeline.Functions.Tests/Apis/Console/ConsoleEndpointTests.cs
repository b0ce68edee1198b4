using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.Console;

/// <summary>The <c>Console</c> function: the embedded support console page, its headers, and the API lookups it relies on.</summary>
public sealed partial class ConsoleEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(EventHubPayloads.DefaultEnqueued.AddSeconds(2)));
    private readonly PipelineAppFactory _app;

    public ConsoleEndpointTests() => _app = new PipelineAppFactory(services => services.AddSingleton<TimeProvider>(_clock));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Console_Root_ServesThePageWithStrictSecurityHeaders()
    {
        using var response = await _app.CreateClient().GetAsync(new Uri("/api/console/", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("<script src=\"console.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"console.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalUrl(), html);
    }

    [Fact]
    public async Task Console_WithoutTrailingSlash_RedirectsAndKeepsTheFunctionKey()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/api/console?code=abc%2B1", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/console/?code=abc%2B1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("console.js", "text/javascript")]
    [InlineData("console.css", "text/css")]
    [InlineData("index.html", "text/html")]
    public async Task Console_Files_ServedWithTheirTypeAndRevalidatedByEtag(string file, string mediaType)
    {
        var client = _app.CreateClient();

        using var first = await client.GetAsync(new Uri("/api/console/" + file, UriKind.Relative), Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/console/" + file);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.True((await first.Content.ReadAsByteArrayAsync(Ct)).Length > 100);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("/api/console/missing.js")]
    [InlineData("/api/console/../host.json")]
    [InlineData("/api/console/SupportConsole/index.html")]
    public async Task Console_UnknownFile_404ProblemDetails(string path)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AlertApi_CustomerFilterWithTheEmailSupportKnows_FindsTheHashedCustomersAlert()
    {
        var t0 = EventHubPayloads.DefaultEnqueued;
        var clicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"mail-{i}", "Ann@Example.com", time: t0.AddSeconds(-5 + (0.2 * i)))).ToList();
        using (var ingest = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks)))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        var client = _app.CreateClient();
        var byEmail = await client.GetFromJsonAsync<JsonObject>("/api/alerts?customer=ann%40example.com", Ct);
        var timeline = await client.GetFromJsonAsync<JsonObject>("/api/customers/ann%40example.com/timeline", Ct);

        var alert = Assert.Single(byEmail!["items"]!.AsArray())!;
        var storedKey = alert["customerKey"]!.GetValue<string>();
        Assert.StartsWith("sha256:", storedKey, StringComparison.Ordinal);
        Assert.Equal(storedKey, timeline!["customerKey"]!.GetValue<string>());
        Assert.Equal(["mail-0", "mail-1", "mail-2"], alert["evidenceEventIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        var byStoredKey = await client.GetFromJsonAsync<JsonObject>("/api/alerts?customer=" + Uri.EscapeDataString(storedKey), Ct);
        Assert.Single(byStoredKey!["items"]!.AsArray());
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
