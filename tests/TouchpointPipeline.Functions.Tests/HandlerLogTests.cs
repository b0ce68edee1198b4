using System.Net;
using System.Text;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests;

/// <summary>
/// Issue 13, finding 4: the handler's own log carried <c>?writeKey=&lt;key&gt;</c>, the console's <c>?code=&lt;function
/// key&gt;</c> and a raw e-mail address from <c>/api/customers/&lt;email&gt;/timeline</c>. The handler runs as the host
/// runs it (a process, its stdout and stderr captured), with every log level turned up as far as an operator could.
/// </summary>
public sealed class HandlerLogTests
{
    private const string WriteKey = "log-test-write-key-5f1c9a7e2b";
    private const string FunctionKey = "log-test-function-key-8d3e0b6a";
    private const string Email = "ann.secret-person@example.com";

    [Theory]
    [InlineData("Information")]
    [InlineData("Debug")]
    [InlineData("Trace")]
    public async Task Handler_RequestsCarryingKeysCodesAndAnEmail_NoneOfThemInTheOutput(string level)
    {
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Default"] = level,
            ["Logging__LogLevel__Microsoft"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = level,
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = level,
            ["Logging__Console__LogLevel__Default"] = level,
            ["Logging__Console__LogLevel__Microsoft.AspNetCore"] = level,
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Routing.Matching"] = level,
            ["Collector__WriteKeys__shop__Key"] = WriteKey,
            ["Collector__WriteKeys__shop__Kind"] = "Browser",
            ["Collector__WriteKeys__shop__Sources__0"] = "web/shop",
        });
        var body = "{\"events\":[" + TestEvents.Click("log-1", Email, DateTime.UtcNow.AddSeconds(-1)) + "]}";

        using (var collect = await handler.Http.PostAsync(
            new Uri($"/api/events?writeKey={WriteKey}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken))
        {
            // No publisher is configured in a bare process: 503 is the collector's answer after it judged the batch.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, collect.StatusCode);
        }

        using (var console = await handler.Http.GetAsync(new Uri($"/api/console/?code={FunctionKey}", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        }

        using (var timeline = await handler.Http.GetAsync(new Uri($"/api/customers/{Email}/timeline?code={FunctionKey}", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        }

        using (var identity = await handler.Http.GetAsync(new Uri($"/api/customers/{Uri.EscapeDataString(Email)}/identity?code={FunctionKey}", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        }

        // The console logger writes on its own thread: a second collect logs the same error line again, and once both are
        // out, every line of the requests above is too (one writer, in order).
        using (var marker = await handler.Http.PostAsync(
            new Uri("/api/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "text/plain") { Headers = { { "X-Touchpoint-Write-Key", WriteKey } } }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, marker.StatusCode);
        }

        await handler.WaitForOutputAsync(output => CountOf(output, "no publisher configured") >= 2);
        await handler.DisposeAsync();
        var output = handler.Output;
        Assert.True(output.Length > 0, "the handler wrote nothing at all");
        Assert.DoesNotContain(WriteKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(FunctionKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(Email), output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-person", output, StringComparison.OrdinalIgnoreCase);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
