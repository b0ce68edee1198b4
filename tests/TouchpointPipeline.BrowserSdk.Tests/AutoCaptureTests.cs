using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>What the SDK captures by itself on the demo shop, checked on what the collector receives.</summary>
public sealed partial class AutoCaptureTests(ChromiumFixture chromium) : IAsyncLifetime
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
    public async Task PageLoad_AndSpaNavigation_EachSendPageViewed()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { Source = "https://shop.example/demo" });
        var first = (await _collector.WaitForEventsAsync("page.viewed"))[0];

        await shop.OpenViewAsync("Cart (0)");
        var views = await _collector.WaitForEventsAsync("page.viewed", 2);

        var second = views[1];
        Assert.Equal("1.0", first.Str("specversion"));
        Assert.Equal("web", first.Str("channel"));
        Assert.Equal("https://shop.example/demo", first.Str("source"));
        Assert.Matches(UuidV7(), first.Str("id"));
        Assert.Matches(IsoMillis(), first.Str("time"));
        Assert.Matches(IsoMillis(), first.Str("sentat"));
        Assert.Equal("/demo/", first.Str("data.path"));
        Assert.Equal("Trail shoe 42 - Demo shop", first.Str("data.title"));
        Assert.Equal(1280, first.Num("data.screen.width"));
        Assert.Contains("view=cart", second.Str("data.url"), StringComparison.Ordinal);
        Assert.Equal("Your cart - Demo shop", second.Str("data.title"));
        Assert.Equal(first.Str("data.url"), second.Str("data.referrer"));
        Assert.True(second.Num("data.durationMs") >= 0);
        Assert.Equal(first.Str("anonymousid"), second.Str("anonymousid"));
        Assert.Equal(first.Str("sessionid"), second.Str("sessionid"));
        Assert.NotEqual(first.Str("id"), second.Str("id"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task DeepLink_FirstPageViewed_HasThatViewsTitle()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        await shop.OpenViewAsync("Cart (0)");
        await _collector.WaitForEventsAsync("page.viewed", 2);

        await shop.Page.ReloadAsync();
        var views = await _collector.WaitForEventsAsync("page.viewed", 3);

        Assert.Equal("Your cart - Demo shop", views[2].Str("data.title"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task Track_SiteMutatesItsObjectAfterwards_TheQueuedEventKeepsTheOriginalData()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { FlushInterval = 600_000 });

        await shop.Page.EvaluateAsync("() => { const d = { step: 'cart' }; window.touchpoint.track('checkout.step', d); d.step = 'payment'; return window.touchpoint.flush(); }");
        var step = (await _collector.WaitForEventsAsync("checkout.step"))[0];

        Assert.Equal("cart", step.Str("data.step"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task BrowserBack_SendsPageViewedForThePreviousUrl()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var first = (await _collector.WaitForEventsAsync("page.viewed"))[0];
        await shop.OpenViewAsync("Sign in");
        await _collector.WaitForEventsAsync("page.viewed", 2);

        await shop.Page.GoBackAsync();
        var views = await _collector.WaitForEventsAsync("page.viewed", 3);

        Assert.Equal(first.Str("data.url"), views[2].Str("data.url"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task ClickBurst_SendsOneElementClickedPerClick_WithTheSameSelectorAndPageCoordinates()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var box = (await shop.BrokenButton.BoundingBoxAsync())!;

        await DemoShopPage.ClickRepeatedlyAsync(shop.BrokenButton, 7, new Position { X = 12, Y = 9 });
        var clicks = await _collector.WaitForEventsAsync("element.clicked", 7);

        Assert.All(clicks, c =>
        {
            Assert.Equal("#check-stock", c.Str("data.selector"));
            Assert.Equal(box.X + 12, c.Num("data.x"), 1.0);
            Assert.Equal(box.Y + 9, c.Num("data.y"), 1.0);
            Assert.Equal("Check stock in store", c.Str("data.text"));
            Assert.Equal(0, c.Num("data.button"));
            Assert.Contains("/demo/", c.Str("data.url"), StringComparison.Ordinal);
        });
        Assert.Equal(7, clicks.Select(c => c.Str("id")).Distinct().Count());
        Assert.Single(clicks.Select(c => c.Str("anonymousid")).Distinct());
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task Click_AfterScrolling_ReportsPageNotViewportCoordinates()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        await shop.Page.SetViewportSizeAsync(400, 200);
        await shop.Page.EvaluateAsync("() => { document.body.style.paddingBottom = '2000px'; window.scrollTo(0, 150); }");
        var offset = await shop.Page.EvaluateAsync<double>("() => document.querySelector('#add-to-cart').getBoundingClientRect().top + window.scrollY");

        await shop.AddToCartButton.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        var click = (await _collector.WaitForEventsAsync("element.clicked"))[0];

        Assert.Equal(offset + 5, click.Num("data.y"), 1.0);
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task Click_OnElementWithoutIdOrTestId_UsesAShortPathThatSelectsThatElement()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());

        await shop.OpenViewAsync("Shoes");
        await shop.OpenViewAsync("Shoes");
        var clicks = await _collector.WaitForEventsAsync("element.clicked", 2);

        var selector = clicks[0].Str("data.selector")!;
        Assert.Equal(selector, clicks[1].Str("data.selector"));
        Assert.Equal("body > header.bar > nav > a:nth-of-type(1)", selector);
        Assert.True(await shop.Page.EvaluateAsync<bool>(
            "s => document.querySelector(s) === document.querySelector('nav a[data-view=product]')", selector));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task KeyboardActivation_ReportsTheElementCentre()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var box = (await shop.AddToCartButton.BoundingBoxAsync())!;

        await shop.AddToCartButton.FocusAsync();
        await shop.Page.Keyboard.PressAsync("Enter");
        var click = (await _collector.WaitForEventsAsync("element.clicked"))[0];

        Assert.Equal("#add-to-cart", click.Str("data.selector"));
        Assert.Equal(box.X + (box.Width / 2), click.Num("data.x"), 1.0);
        Assert.Equal(box.Y + (box.Height / 2), click.Num("data.y"), 1.0);
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task ErrorInAClickHandler_SendsClientError_UncaughtWithStack()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());

        await shop.BrokenButton.ClickAsync();
        var error = (await _collector.WaitForEventsAsync("client.error"))[0];

        Assert.Equal("TypeError", error.Str("data.errorType"));
        Assert.Contains("null", error.Str("data.message"), StringComparison.Ordinal);
        Assert.Contains("shop.js", error.Str("data.stack"), StringComparison.Ordinal);
        Assert.False(error.GetProperty("data").GetProperty("handled").GetBoolean());
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task ErrorRepeatedInALoop_IsSentAtMostFiveTimes()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());

        await DemoShopPage.ClickRepeatedlyAsync(shop.BrokenButton, 8, new Position { X = 3, Y = 3 });
        await _collector.WaitForEventsAsync("element.clicked", 8);
        await shop.FlushAsync();

        // Each click is queued just before its own error (the SDK's capture listener runs before the button's handler)
        // and batches arrive in order: errors 1 to 7 are in once click 8 is, so a sixth or seventh would show here.
        Assert.Equal(5, _collector.Accepted.Count(e => e.Str("type") == "client.error"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task FailedPayment_SendsPaymentFailed_FormError_AndTheUnhandledRejection()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { Payment = "fail" });
        await shop.StartCheckoutAsync();
        await shop.FillCheckoutAsync("Jane Doe", "jane@example.com", "4111111111111111", "123");

        await shop.PayAsync();
        await Assertions.Expect(shop.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Payment declined");
        var rejection = (await _collector.WaitForEventsAsync("client.error"))[0];
        var payment = (await _collector.WaitForEventsAsync("payment.failed"))[0];
        var formError = (await _collector.WaitForEventsAsync("form.error"))[0];
        var steps = await _collector.WaitForEventsAsync("checkout.step", 2);

        Assert.Equal("PaymentWidget: 3-D Secure frame did not load", rejection.Str("data.message"));
        Assert.Equal("Error", rejection.Str("data.errorType"));
        Assert.Equal("card_declined", payment.Str("data.code"));
        Assert.Equal("EUR", payment.Str("data.currency"));
        Assert.Equal("checkout", formError.Str("data.form"));
        Assert.Equal("cardNumber", formError.Str("data.field"));
        Assert.Equal("card_declined", formError.Str("data.code"));
        Assert.Equal(["cart", "payment"], steps.Select(s => s.Str("data.step")));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task InvalidForm_SendsOneFormErrorPerField_WithTheConstraintButNoValue()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        await shop.StartCheckoutAsync();
        await shop.FillCheckoutAsync(string.Empty, "jane.secretname", "12zz", "123");

        await shop.PayAsync();
        var errors = await _collector.WaitForEventsAsync("form.error", 3);

        Assert.Equal(
            [("fullName", "valueMissing", "value missing"), ("email", "typeMismatch", "type mismatch"), ("cardNumber", "patternMismatch", "pattern mismatch")],
            errors.Select(e => (e.Str("data.field"), e.Str("data.code"), e.Str("data.message"))));
        Assert.All(errors, e => Assert.Equal("checkout", e.Str("data.form")));
        Assert.DoesNotContain(_collector.Requests, r => r.Body.Contains("secretname", StringComparison.Ordinal) || r.Body.Contains("12zz", StringComparison.Ordinal));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task Track_CustomEvents_AreSentWithTheSitesData()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { Payment = "ok" });
        await shop.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the shop" }).FillAsync("trail");
        await shop.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await shop.StartCheckoutAsync();
        await shop.FillCheckoutAsync("Jane Doe", "jane@example.com", "4111111111111111", "123");

        await shop.PayAsync();
        var search = (await _collector.WaitForEventsAsync("search.performed"))[0];
        var order = (await _collector.WaitForEventsAsync("order.completed"))[0];

        Assert.Equal("trail", search.Str("data.query"));
        Assert.Equal(1, search.Num("data.resultCount"));
        Assert.StartsWith("ord-", order.Str("data.orderId"), StringComparison.Ordinal);
        Assert.Equal(129.9, order.Num("data.amount"), 3);
        Assert.Equal("EUR", order.Str("data.currency"));
        Assert.DoesNotContain(_collector.Accepted, e => e.Str("type") == "payment.failed");
        _collector.AssertEveryEnvelopeValid();
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV7();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMillis();
}
