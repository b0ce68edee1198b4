using System.Text.Json;
using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>
/// Issue 6's acceptance: the demo shop served by the dev host, its events through the real collector, hubs, ingest and
/// detection of the function app: a burst of real clicks raises a rage-click alert for the anonymous visitor, and after
/// sign-in those clicks are in the customer's timeline.
/// </summary>
public sealed class DevHostAcceptanceTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private DevHostSite? _site;

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
    public async Task DemoShop_OnTheDevHost_ClickBurstRaisesRageClickAndIdentifyShowsTheClicksInTheTimeline()
    {
        var site = _site!;
        var shop = await DemoShopPage.OpenAsync(_context!, site.BaseUrl, new DemoShopOptions { WriteKey = DevHostSite.DemoWriteKey });
        var anonymousId = await shop.AnonymousIdAsync();
        Assert.False(string.IsNullOrEmpty(anonymousId));

        await DemoShopPage.ClickRepeatedlyAsync(shop.BrokenButton, 5, new Position { X = 10, Y = 10 });
        await shop.FlushAsync();
        var alerts = await site.PollAsync(
            "/api/alerts?customer=" + Uri.EscapeDataString("anon:" + anonymousId),
            page => Items(page).Any(a => a.GetProperty("ruleId").GetString() == "rage-click"),
            "the rage-click alert of the anonymous visitor");
        var rage = Items(alerts).First(a => a.GetProperty("ruleId").GetString() == "rage-click");
        var evidence = rage.GetProperty("evidenceEventIds").EnumerateArray().Select(e => e.GetString()!).ToList();

        await shop.SignInAsync("cust-7071", "pw-secret");
        await shop.FlushAsync();
        var timeline = await site.PollAsync(
            "/api/customers/cust-7071/timeline?limit=200",
            // The sign-in event and the earlier clicks can land in different batches: wait for both.
            page => evidence.All(id => Items(page).Any(i => i.GetProperty("id").GetString() == id))
                && Items(page).Any(i => i.GetProperty("type").GetString() == "customer.identified"),
            "the clicks and the sign-in in the signed-in customer's timeline");

        Assert.Equal("anon:" + anonymousId, rage.GetProperty("customerKey").GetString());
        Assert.Equal("open", rage.GetProperty("status").GetString());
        Assert.True(evidence.Count >= 3, $"rage-click evidence: {string.Join(", ", evidence)}");
        var clicks = Items(timeline).Where(i => evidence.Contains(i.GetProperty("id").GetString()!)).ToList();
        Assert.All(clicks, c =>
        {
            Assert.Equal("element.clicked", c.GetProperty("type").GetString());
            Assert.Equal("#check-stock", c.GetProperty("data").GetProperty("selector").GetString());
            Assert.Equal(anonymousId, c.GetProperty("anonymousId").GetString());
        });
        Assert.Contains(Items(timeline), i => i.GetProperty("type").GetString() == "customer.identified");
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) => page.GetProperty("items").EnumerateArray();
}
