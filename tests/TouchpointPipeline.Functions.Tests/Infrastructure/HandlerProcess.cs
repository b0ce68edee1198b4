using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// The built handler as the Functions host runs it: a separate process given only FUNCTIONS_CUSTOMHANDLER_PORT (or the
/// given environment instead), on the embedded defaults, in a fresh working folder; real Kestrel, so its request limits
/// apply. Both output streams are kept (<see cref="Output"/>).
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private HandlerProcess(Process process, int port, string workDir)
    {
        _process = process;
        Port = port;
        WorkDir = workDir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public int Port { get; }

    public string WorkDir { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the handler wrote to stdout and stderr so far, as the Functions host would log it.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Extra variables; a null value removes one.</param>
    /// <param name="portVariable">The variable that carries the port: FUNCTIONS_CUSTOMHANDLER_PORT as the host sets it, or e.g. ASPNETCORE_HTTP_PORTS as a container does.</param>
    public static async Task<HandlerProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, string portVariable = "FUNCTIONS_CUSTOMHANDLER_PORT")
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

        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        start.Environment[portVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var handler = new HandlerProcess(Process.Start(start)!, port, workDir);
        handler._process.ErrorDataReceived += (_, e) =>
        {
            lock (handler._output)
            {
                handler._stderr.AppendLine(e.Data);
                handler._output.AppendLine(e.Data);
            }
        };
        handler._process.OutputDataReceived += (_, e) =>
        {
            lock (handler._output)
            {
                handler._output.AppendLine(e.Data);
            }
        };
        handler._process.BeginErrorReadLine();
        handler._process.BeginOutputReadLine();
        await handler.WaitUntilReadyAsync();
        return handler;
    }

    /// <summary>Polls <see cref="Output"/> until <paramref name="condition"/> holds; fails after 30 seconds.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition(Output))
        {
            Assert.False(timeout.IsCancellationRequested, $"The handler's output did not show what was awaited within 30 s:\n{Output}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        _process.Dispose();
        Directory.Delete(WorkDir, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        // Like the host (docs/host-protocol.md §1.2): poll GET / until any HTTP answer; give up after 90 s (the host waits
        // less, but a loaded 2-core CI machine can take longer to start a process than a real worker).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The handler exited with {(_process.HasExited ? _process.ExitCode : 0)}: {_stderr}");
            try
            {
                using var _ = await Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail($"The handler did not answer within 30 s: {_stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
