using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;
using TouchpointPipeline.SupportConsole.Tests.Infrastructure;

namespace TouchpointPipeline.SupportConsole.Tests;

/// <summary>
/// The console's overview page in headless Chromium, drawing the handler's own metrics (<c>GET /api/metrics</c>) after
/// a simulated run through the dev host: the numbers on the page are the API's, every chart has its series, and a
/// screenshot is kept in the test output (<c>screenshots/overview.png</c>) for a person to look at.
/// </summary>
public sealed class OverviewTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private DevHostSite? _site;

    private DevHostSite Site => _site!;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.NewContextAsync();
        _site = await DevHostSite.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Fact]
    public async Task Overview_AfterASimulatedRun_DrawsTheHandlersMetrics()
    {
        await SimulatedRun.ProduceAlertsAsync(Site);
        await SimulatedRun.ProduceAlertsAsync(Site, "bob.console@example.com");
        await Site.AppendAsync("chats", ("bad-1", "{\"specversion\":\"1.0\",\"id\":\"broken\""));
        var metrics = await Site.PollAsync("/api/metrics", m => Sum(m, "touchpoint.events.quarantined") >= 1, "the quarantined event in the metrics");
        var page = await _context!.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 1100);

        await page.GotoAsync(new Uri(Site.BaseUrl, "api/console/overview.html?code=local-key-not-checked").ToString());
        await Assertions.Expect(page.Locator("body[data-loaded='true']")).ToHaveCountAsync(1);

        await Assertions.Expect(page.Locator("dd[data-metric='Events received']")).ToHaveTextAsync(Number(Sum(metrics, "touchpoint.events.received")));
        await Assertions.Expect(page.Locator("dd[data-metric='Quarantined']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("dd[data-metric='Alerts raised']")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#rate-chart polyline")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#rate-chart polyline[data-hub='clickstream']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#rules-chart rect[data-label='rage-click'][data-value='2']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#rules-chart rect[data-label='transfer-loop'][data-value='2']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#deadletters-chart rect[data-label='quarantined: malformed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#latency-chart rect[data-rule='rage-click']")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(Site.BaseUrl, "api/console/overview.html").ToString());

        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var screenshot = await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "overview.png"), FullPage = true });
        Assert.True(screenshot.Length > 10_000, "the screenshot has content");
    }

    [Fact]
    public async Task Overview_IsLinkedFromTheConsoleAndBack()
    {
        var page = await _context!.NewPageAsync();

        await page.GotoAsync(new Uri(Site.BaseUrl, "api/console/").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Pipeline overview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pipeline overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body[data-loaded='true']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts and customers" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support console", Level = 1 })).ToBeVisibleAsync();
    }

    private static long Sum(JsonElement metrics, string name) =>
        (long)metrics.GetProperty("counters").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == name)
            .Sum(c => c.GetProperty("value").GetDouble());

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
