using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>Do-Not-Track, Global Privacy Control and the consent flag: no capture, no storage, no request.</summary>
public sealed class PrivacyTests(ChromiumFixture chromium) : IAsyncLifetime
{
    // Counts every request the page makes to the collector, whichever way (fetch or sendBeacon).
    private const string CountSends = """
        window.__tpSends = 0;
        const originalFetch = window.fetch;
        window.fetch = function (url) { if (String(url).includes('/api/events')) window.__tpSends++; return originalFetch.apply(this, arguments); };
        const originalBeacon = Navigator.prototype.sendBeacon;
        Navigator.prototype.sendBeacon = function (url) { if (String(url).includes('/api/events')) window.__tpSends++; return originalBeacon.apply(this, arguments); };
        """;

    private CollectorStub _collector = null!;
    private IBrowserContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = await CollectorStub.StartAsync();
        _context = await chromium.NewContextAsync();
        await _context.AddInitScriptAsync(CountSends);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Theory]
    [InlineData("Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' });")]
    [InlineData("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });")]
    public async Task PrivacySignal_CapturesStoresAndSendsNothing(string signal)
    {
        await _context.AddInitScriptAsync(signal);
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());

        await shop.AddToCartButton.ClickAsync();
        await shop.BrokenButton.ClickAsync();
        await shop.FlushAsync();
        await shop.Page.EvaluateAsync("() => { window.dispatchEvent(new PageTransitionEvent('pagehide')); }");

        Assert.Equal(0, await shop.Page.EvaluateAsync<int>("() => window.__tpSends"));
        Assert.Null(await shop.AnonymousIdAsync());
        Assert.Empty(await TouchpointStorageAsync(shop.Page));
        Assert.Empty(_collector.Requests);
    }

    [Fact]
    public async Task DoNotTrack_SiteOptsOut_RespectDoNotTrackFalse_Captures()
    {
        await _context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' });");

        await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { RespectDoNotTrack = false });

        Assert.NotNull((await _collector.WaitForEventsAsync("page.viewed"))[0].Str("anonymousid"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task ConsentFalse_NothingUntilSetConsentTrue_ThenCapture_AndWithdrawingErasesTheIds()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { AskConsent = true });
        await shop.AddToCartButton.ClickAsync();
        Assert.Null(await shop.AnonymousIdAsync());
        Assert.Empty(await TouchpointStorageAsync(shop.Page));
        Assert.Equal(0, await shop.Page.EvaluateAsync<int>("() => window.__tpSends"));

        await shop.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var view = (await _collector.WaitForEventsAsync("page.viewed"))[0];
        await shop.AddToCartButton.ClickAsync();
        await _collector.WaitForEventsAsync("element.clicked");
        var stored = await shop.Page.EvaluateAsync<string?>("() => localStorage.getItem('tp_aid')");
        await shop.Page.EvaluateAsync("() => window.touchpoint.setConsent(false)");

        Assert.Equal(view.Str("anonymousid"), stored);
        Assert.Single(_collector.Accepted, e => e.Str("type") == "element.clicked");
        Assert.DoesNotContain(_collector.Accepted, e => e.Str("data.selector") == "#consent-accept");
        Assert.Null(await shop.AnonymousIdAsync());
        Assert.Empty(await TouchpointStorageAsync(shop.Page));
        _collector.AssertEveryEnvelopeValid();
    }

    private static Task<string[]> TouchpointStorageAsync(IPage page) => page.EvaluateAsync<string[]>(
        "() => Object.keys(localStorage).filter(k => k.startsWith('tp_')).concat(document.cookie.split('; ').filter(c => c.startsWith('tp_')))");
}
