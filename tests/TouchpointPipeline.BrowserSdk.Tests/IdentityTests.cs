using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>Anonymous id, identify(), reset(): the keys the pipeline stitches a customer's timeline with.</summary>
public sealed class IdentityTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CollectorStub _collector = null!;
    private IBrowserContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = await CollectorStub.StartAsync();
        _context = await chromium.NewContextAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Identify_SendsCustomerIdentified_ThenLaterEventsCarryTheCustomerId()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var anonymousId = await shop.AnonymousIdAsync();
        await DemoShopPage.ClickRepeatedlyAsync(shop.BrokenButton, 3, new Position { X = 5, Y = 5 });
        await _collector.WaitForEventsAsync("element.clicked", 3);

        await shop.SignInAsync("cust-1042", "hunter2-secret");
        var identified = (await _collector.WaitForEventsAsync("customer.identified"))[0];
        await shop.OpenViewAsync("Shoes");
        await DemoShopPage.ClickRepeatedlyAsync(shop.BrokenButton, 2, new Position { X = 5, Y = 5 });
        var clicks = await _collector.WaitForEventsAsync("element.clicked", 2, e => e.Str("data.selector") == "#check-stock" && e.Has("customerid"));

        Assert.Equal("cust-1042", identified.Str("customerid"));
        Assert.Equal(anonymousId, identified.Str("anonymousid"));
        Assert.Equal("login", identified.Str("data.method"));
        var before = _collector.Accepted.TakeWhile(e => e.Str("type") != "customer.identified").ToList();
        Assert.All(before, e => Assert.False(e.Has("customerid")));
        Assert.All(clicks, c =>
        {
            Assert.Equal("cust-1042", c.Str("customerid"));
            Assert.Equal(anonymousId, c.Str("anonymousid"));
        });
        Assert.DoesNotContain(_collector.Requests, r => r.Body.Contains("hunter2", StringComparison.Ordinal));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task IdentifySameCustomerAgain_AfterReload_SendsNothingNew_AndEventsKeepTheCustomerId()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        await shop.SignInAsync("cust-7", "pw-secret");
        await _collector.WaitForEventsAsync("customer.identified");

        await shop.Page.ReloadAsync();
        await shop.Page.EvaluateAsync("() => window.touchpoint.identify('cust-7')");
        await shop.OpenViewAsync("Shoes");
        await shop.AddToCartButton.ClickAsync();
        var click = (await _collector.WaitForEventsAsync("element.clicked", where: e => e.Str("data.selector") == "#add-to-cart"))[0];

        Assert.Equal("cust-7", click.Str("customerid"));
        Assert.Single(_collector.Accepted, e => e.Str("type") == "customer.identified");
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task AnonymousId_SurvivesReload_InLocalStorage_AndDiffersForANewVisitor()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var first = (await _collector.WaitForEventsAsync("page.viewed"))[0];

        await shop.Page.ReloadAsync();
        var views = await _collector.WaitForEventsAsync("page.viewed", 2);
        await using var other = await chromium.NewContextAsync();
        var stranger = await DemoShopPage.OpenAsync(other, _collector.BaseUrl, new());

        Assert.Equal(first.Str("anonymousid"), views[1].Str("anonymousid"));
        Assert.Equal(first.Str("sessionid"), views[1].Str("sessionid"));
        Assert.Equal(first.Str("anonymousid"), await shop.Page.EvaluateAsync<string>("() => localStorage.getItem('tp_aid')"));
        Assert.NotEqual(first.Str("anonymousid"), await stranger.AnonymousIdAsync());
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task LocalStorageBlocked_AnonymousIdSurvivesReload_InAFirstPartyCookie()
    {
        await _context.AddInitScriptAsync(
            "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });");
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var first = (await _collector.WaitForEventsAsync("page.viewed"))[0];

        await shop.Page.ReloadAsync();
        var views = await _collector.WaitForEventsAsync("page.viewed", 2);

        Assert.Equal(first.Str("anonymousid"), views[1].Str("anonymousid"));
        var cookies = await _context.CookiesAsync([_collector.BaseUrl.ToString()]);
        var cookie = Assert.Single(cookies, c => c.Name == "tp_aid");
        Assert.Equal(first.Str("anonymousid"), cookie.Value);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task SignOut_Reset_StartsANewAnonymousVisitorWithoutCustomerId()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var before = await shop.AnonymousIdAsync();
        await shop.SignInAsync("cust-9", "pw-secret");

        await shop.Page.Locator("#sign-out").ClickAsync();
        var after = await shop.AnonymousIdAsync();
        await shop.AddToCartButton.ClickAsync();
        var click = (await _collector.WaitForEventsAsync("element.clicked", where: e => e.Str("data.selector") == "#add-to-cart"))[0];

        Assert.NotEqual(before, after);
        Assert.Equal(after, click.Str("anonymousid"));
        Assert.False(click.Has("customerid"));
        _collector.AssertEveryEnvelopeValid();
    }
}
