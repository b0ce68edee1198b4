using System.Diagnostics;
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
        var port = FreePort();
        var workDir = Directory.CreateTempSubdirectory("tp-handler-").FullName;
        var handlerDll = Path.Combine(AppContext.BaseDirectory, "TouchpointPipeline.Functions.dll");
        var start = new ProcessStartInfo("dotnet", [handlerDll])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Storage__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(http, process, stderr);
            using var content = new StringContent(EventHubPayloads.EventHubBatch([TestEvents.Click("proc-1", "cust-proc"), "junk"]), Encoding.UTF8, "application/json");

            using var response = await http.PostAsync(new Uri("/IngestClickstream", UriKind.Relative), content, TestContext.Current.CancellationToken);
            var timeline = await http.GetStringAsync(new Uri("/api/customers/cust-proc/timeline", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"proc-1\"", timeline, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(workDir, ".touchpoint-data", "touchpoints.db")), "SQLite file under the default data folder");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(workDir, ".touchpoint-data", "quarantine"), "*.jsonl", SearchOption.AllDirectories));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process process, StringBuilder stderr)
    {
        // Like the host (docs/host-protocol.md §1.2): poll GET / until any HTTP answer; give up after 30 s.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"The handler exited with {(process.HasExited ? process.ExitCode : 0)}: {stderr}");
            try
            {
                using var _ = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail($"The handler did not answer within 30 s: {stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
