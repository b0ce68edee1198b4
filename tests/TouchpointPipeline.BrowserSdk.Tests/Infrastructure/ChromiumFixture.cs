using Microsoft.Playwright;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the test run, driven by Playwright: Debian's <c>/usr/bin/chromium</c> (or
/// <c>CHROMIUM_PATH</c>), so nothing is downloaded. When no browser is installed, <see cref="NewContextAsync"/> skips
/// the test with the reason; CI installs the browser (<c>.ci/run</c>), so there the tests really run.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _skipReason;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _skipReason = $"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium, or set CHROMIUM_PATH).";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // No DNS lookups for Google services: only loopback resolves (the tests' sites are on 127.0.0.1).
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
            ],
        });
    }

    /// <summary>A fresh browser context: its own storage and cookies, like a new visitor.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        return await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
