using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;
using TouchpointPipeline.SupportConsole.Tests.Infrastructure;

namespace TouchpointPipeline.SupportConsole.Tests;

/// <summary>
/// Issue 5's acceptance: the support console in headless Chromium, served by the real function app on the dev host
/// after a simulated run: find the alert, open the customer, see the evidence highlighted, acknowledge, and the alert API
/// agrees. Plus keyboard-only use, accessible names and an auto-refresh that keeps focus.
/// </summary>
public sealed partial class SupportConsoleTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveCountOptions Patient = new() { Timeout = 30_000 };
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
    public async Task Console_AfterASimulatedRun_FindsTheAlertHighlightsItsEvidenceAcknowledgesAndResolvesIt()
    {
        var run = await SimulatedRun.ProduceAlertsAsync(Site);
        var page = await _context!.NewPageAsync();

        // Opened as in Azure (with a function key); the page keeps the key but takes it out of the address bar.
        await page.GotoAsync(new Uri(Site.BaseUrl, "api/console?code=local-key-not-checked").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(ConsoleUrlWithoutKey());
        await Assertions.Expect(page.Locator("#alert-list button")).ToHaveCountAsync(2, Patient);
        await page.GetByLabel("Rule").SelectOptionAsync("rage-click");
        await Assertions.Expect(page.Locator("#alert-list button")).ToHaveCountAsync(1);
        await page.Locator("#alert-list button", new() { HasText = "rage-click" }).ClickAsync();
        await Assertions.Expect(page.Locator("#d-rule")).ToHaveTextAsync("rage-click");
        await page.Locator("#d-customer").ClickAsync();

        var evidence = page.Locator("#timeline li.event[data-evidence='true']");
        await Assertions.Expect(evidence).ToHaveCountAsync(run.RageClickEvidence.Count);
        var highlighted = await evidence.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.eventId)");
        Assert.Equal(run.RageClickEvidence.Order(StringComparer.Ordinal), highlighted.Order(StringComparer.Ordinal));
        await Assertions.Expect(evidence.First).ToBeInViewportAsync();
        await Assertions.Expect(evidence.First).ToBeFocusedAsync();
        await Assertions.Expect(evidence.First.Locator(".evidence-mark")).ToContainTextAsync("Evidence");
        // Cross-channel: the call's transfers are in the same timeline, not highlighted, grouped apart from the web session.
        var transfers = page.Locator("#timeline li.event", new() { HasText = "call.transferred" });
        await Assertions.Expect(transfers).ToHaveCountAsync(2);
        await Assertions.Expect(transfers.First).ToHaveAttributeAsync("data-evidence", "false");
        await Assertions.Expect(transfers.First.Locator(".channel")).ToHaveTextAsync("Call");
        await Assertions.Expect(page.Locator("#timeline section.session")).ToHaveCountAsync(2);

        await page.GetByLabel("Your name").FillAsync("Agent Smith");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-state")).ToContainTextAsync("Acknowledged by Agent Smith");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true })).ToBeDisabledAsync();

        var alert = await Site.GetJsonAsync("/api/alerts/" + Uri.EscapeDataString(run.RageClickAlertId));
        Assert.Equal("acknowledged", alert.GetProperty("status").GetString());
        Assert.Equal("Agent Smith", alert.GetProperty("acknowledgedBy").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-state")).ToContainTextAsync("Resolved by Agent Smith");
        await Assertions.Expect(page.Locator("#d-history li")).ToHaveCountAsync(3);
        var resolved = await Site.GetJsonAsync("/api/alerts/" + Uri.EscapeDataString(run.RageClickAlertId));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Console_KeyboardOnly_EveryControlIsNamedAndAcknowledgeIsReachable()
    {
        var run = await SimulatedRun.ProduceAlertsAsync(Site);
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseUrl, "api/console/").ToString());
        await Assertions.Expect(page.Locator("#alert-list button")).ToHaveCountAsync(2, Patient);
        await page.GetByLabel("Your name").FillAsync("Keyboard Kim");

        await TabUntilAsync(page, $"document.activeElement?.dataset?.alertId === {Js(run.TransferLoopAlertId)}", "the transfer-loop alert");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#d-rule")).ToHaveTextAsync("transfer-loop");
        await Assertions.Expect(page.Locator("#timeline li.event[data-evidence='true']")).ToHaveCountAsync(2);
        var unnamed = await page.EvaluateAsync<string[]>(UnnamedControlsScript);
        await TabUntilAsync(page, "document.activeElement?.id === 'acknowledge'", "the Acknowledge button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#action-state")).ToContainTextAsync("Acknowledged by Keyboard Kim");

        Assert.Empty(unnamed);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(0, await page.Locator("svg:not([aria-hidden='true'])").CountAsync());
        var alert = await Site.GetJsonAsync("/api/alerts/" + Uri.EscapeDataString(run.TransferLoopAlertId));
        Assert.Equal("acknowledged", alert.GetProperty("status").GetString());
        Assert.Equal("Keyboard Kim", alert.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Console_AutoRefresh_ShowsANewAlertWithoutMovingFocusOrSelection()
    {
        var run = await SimulatedRun.ProduceAlertsAsync(Site);
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseUrl, "api/console/").ToString());
        await Assertions.Expect(page.Locator("#alert-list button")).ToHaveCountAsync(2, Patient);
        var selected = page.Locator($"#alert-list button[data-alert-id='{run.RageClickAlertId}']");
        await selected.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(selected).ToHaveAttributeAsync("aria-current", "true");

        await SimulatedRun.ProduceAlertsAsync(Site, "bob.console@example.com");
        await Assertions.Expect(page.Locator("#alert-list button")).ToHaveCountAsync(4, Patient);

        await Assertions.Expect(selected).ToBeFocusedAsync();
        await Assertions.Expect(selected).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("4 open alerts");
    }

    // Every visible control must have an accessible name: a label, aria-label, or (buttons, links, summaries) its text.
    private const string UnnamedControlsScript = """
        () => [...document.querySelectorAll('button, input, select, a[href], summary')]
          .filter(e => e.getClientRects().length > 0)
          .filter(e => {
            const named = e.getAttribute('aria-label')
              || (e.labels ? [...e.labels].map(l => l.textContent).join(' ') : '')
              || (['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) ? e.textContent : '');
            return !named || !named.trim();
          })
          .map(e => e.outerHTML.slice(0, 120))
        """;

    private static string Js(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static async Task TabUntilAsync(IPage page, string condition, string what)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => " + condition))
            {
                return;
            }
        }

        Assert.Fail($"{what} was not reached with 80 presses of Tab.");
    }

    [GeneratedRegex("/api/console/$")]
    private static partial Regex ConsoleUrlWithoutKey();
}
