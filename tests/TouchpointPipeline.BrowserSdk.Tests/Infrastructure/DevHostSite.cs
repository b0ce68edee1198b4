using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.DevHost;
using TouchpointPipeline.DevHost.Handler;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>
/// The dev host running the real function app (its own process, SQLite in a temp folder) on a free port of 127.0.0.1,
/// reachable by the browser: the demo shop at <c>/demo/</c>, the collector, the APIs and the support console under
/// <c>/api/</c>, all on one origin. Its settings file issues the demo's write key for this origin's <c>/demo-shop</c>.
/// </summary>
internal sealed class DevHostSite : IAsyncDisposable
{
    /// <summary>The demo shop's default key, issued by the dev host's embedded settings (local-only, not a secret).</summary>
    public const string DemoWriteKey = "demo-shop-local-write-key";

    private readonly WebApplication _app;
    private readonly string _folder;

    private DevHostSite(WebApplication app, string folder, Uri baseUrl)
    {
        _app = app;
        _folder = folder;
        BaseUrl = baseUrl;
        Api = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Api { get; }

    public static async Task<DevHostSite> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("devhost-site-").FullName;
        var port = HandlerProcess.FreePort();
        var origin = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var settings = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new
        {
            Values = new Dictionary<string, string>
            {
                ["Collector__WriteKeys__demo__Sources__0"] = origin + "/demo-shop",
            },
        }), TestContext.Current.CancellationToken);

        var app = DevHostApplication.Build(
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--amqp-port", "0", "--data", Path.Combine(folder, "data"), "--settings", settings, "--partitions", "2"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new DevHostSite(app, folder, new Uri(origin + "/"));
    }

    /// <summary>Appends event bodies to a hub of the embedded log, as an emitter publishing to Event Hubs would.</summary>
    public async Task AppendAsync(string hub, params (string PartitionKey, string Body)[] messages)
    {
        using var response = await Api.PostAsJsonAsync(
            $"/_devhost/hubs/{hub}/messages",
            new { messages = messages.Select(m => new { partitionKey = m.PartitionKey, body = m.Body }) },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetJsonAsync(string relativeUrl)
    {
        var text = await Api.GetStringAsync(new Uri(relativeUrl, UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Polls a GET until <paramref name="done"/> holds or a generous deadline passes (no fixed sleeps).</summary>
    public async Task<JsonElement> PollAsync(string relativeUrl, Func<JsonElement, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await GetJsonAsync(relativeUrl);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last answer of {relativeUrl}: {value}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be closing; the OS cleans the temp folder.
        }
    }
}
