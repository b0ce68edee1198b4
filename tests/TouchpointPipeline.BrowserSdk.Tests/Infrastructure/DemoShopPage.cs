using Microsoft.Playwright;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>
/// The demo shop (sdk/js/demo) as a visitor uses it. It only needs the site's base URL, so the same page object drives
/// the shop served by the test's <see cref="CollectorStub"/> or by the dev host (acceptance test).
/// </summary>
internal sealed class DemoShopPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator BrokenButton => Page.Locator("#check-stock");

    public ILocator AddToCartButton => Page.Locator("#add-to-cart");

    /// <summary>Opens <c>{siteBaseUrl}demo/?{options}</c> and waits until the SDK has started.</summary>
    public static async Task<DemoShopPage> OpenAsync(IBrowserContext context, Uri siteBaseUrl, DemoShopOptions options)
    {
        var page = await context.NewPageAsync();
        var shop = new DemoShopPage(page);
        await shop.GotoAsync(siteBaseUrl, options);
        return shop;
    }

    public async Task GotoAsync(Uri siteBaseUrl, DemoShopOptions options)
    {
        await Page.GotoAsync(new Uri(siteBaseUrl, "demo/?" + options.ToQuery()).ToString());
        await Page.WaitForFunctionAsync("() => typeof window.touchpoint === 'object'");
    }

    /// <summary>A burst of real mouse clicks at the same point of the element, as fast as Playwright can.</summary>
    public static async Task ClickRepeatedlyAsync(ILocator target, int times, Position at)
    {
        for (var i = 0; i < times; i++)
        {
            await target.ClickAsync(new() { Position = at });
        }
    }

    public Task OpenViewAsync(string linkText) => Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = linkText }).ClickAsync();

    public async Task SignInAsync(string customerNumber, string password)
    {
        await OpenViewAsync("Sign in");
        await Page.GetByLabel("Customer number").FillAsync(customerNumber);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#login-status")).ToContainTextAsync(customerNumber);
    }

    /// <summary>Add to cart, go to the cart, proceed to checkout.</summary>
    public async Task StartCheckoutAsync()
    {
        await AddToCartButton.ClickAsync();
        await OpenViewAsync("Cart (1)");
        await Page.Locator("#go-checkout").ClickAsync();
        await Assertions.Expect(Page.Locator("#checkout-form")).ToBeVisibleAsync();
    }

    public async Task FillCheckoutAsync(string name, string email, string card, string cvc)
    {
        await Page.GetByLabel("Full name").FillAsync(name);
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Card number").FillAsync(card);
        await Page.GetByLabel("Security code").FillAsync(cvc);
    }

    public Task PayAsync() => Page.Locator("#pay").ClickAsync();

    public Task<string?> AnonymousIdAsync() => Page.EvaluateAsync<string?>("() => window.touchpoint.anonymousId()");

    public Task FlushAsync() => Page.EvaluateAsync("() => window.touchpoint.flush()");
}
