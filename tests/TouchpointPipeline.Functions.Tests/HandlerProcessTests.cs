using System.Net;
using System.Net.Sockets;
using System.Text;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests;

/// <summary>
/// The handler as the Functions host runs it: a separate process given only FUNCTIONS_CUSTOMHANDLER_PORT, on the
/// embedded defaults, answering on 127.0.0.1:&lt;port&gt;.
/// </summary>
public sealed class HandlerProcessTests
{
    [Fact]
    public async Task Handler_OnlyPortSet_ServesOnLoopbackWithEmbeddedDefaults()
    {
        await using var handler = await HandlerProcess.StartAsync();
        using var content = new StringContent(EventHubPayloads.EventHubBatch([TestEvents.Click("proc-1", "cust-proc"), "junk"]), Encoding.UTF8, "application/json");

        using var response = await handler.Http.PostAsync(new Uri("/IngestClickstream", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var timeline = await handler.Http.GetStringAsync(new Uri("/api/customers/cust-proc/timeline", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"proc-1\"", timeline, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(handler.WorkDir, ".touchpoint-data", "touchpoints.db")), "SQLite file under the default data folder");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(handler.WorkDir, ".touchpoint-data", "quarantine"), "*.jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task IngestClickstream_InvocationBodyOverKestrelDefault30MB_ProcessedPerEvent()
    {
        await using var handler = await HandlerProcess.StartAsync();
        // 100 events of 330 KB each (over the per-event limit, so quarantined) plus one good event: a legal Event Hubs
        // batch whose invocation body is over Kestrel's 30 MB default.
        var big = TestEvents.Click("big", "cust-big").Replace("\"text\":\"", "\"text\":\"" + new string('x', 330 * 1024), StringComparison.Ordinal);
        var bodies = Enumerable.Repeat(big, 100).Append(TestEvents.Click("small-1", "cust-big")).ToList();
        var payload = EventHubPayloads.EventHubBatch(bodies);
        Assert.True(payload.Length > 32 * 1024 * 1024, $"payload is {payload.Length} characters");
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");

        using var response = await handler.Http.PostAsync(new Uri("/IngestClickstream", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var timeline = await handler.Http.GetStringAsync(new Uri("/api/customers/cust-big/timeline", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"small-1\"", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestClickstream_BogusHugeContentLength_Refused413WithoutReadingIt()
    {
        await using var handler = await HandlerProcess.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, handler.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = $"POST /IngestClickstream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1099511627776\r\n\r\n{{";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        Assert.Contains(" 413 ", statusLine, StringComparison.Ordinal);
    }
}
