using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// The real handler (the function app's build output) as a child process the drill owns, on a fixed port, so it can be
/// killed with SIGKILL mid-batch and started again where the dev host (given <c>--handler-url</c>) expects it. The dev
/// host itself stops when a handler it started exits, as the Functions host would restart the worker: here the test
/// plays that part.
/// </summary>
internal sealed class DrillHandler : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _appDirectory;
    private readonly string _workDirectory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    private DrillHandler(string appDirectory, string workDirectory, int port, IReadOnlyDictionary<string, string> environment)
    {
        _appDirectory = appDirectory;
        _workDirectory = workDirectory;
        _environment = environment;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public Uri Url { get; }

    public int Kills { get; private set; }

    public static async Task<DrillHandler> StartAsync(string appDirectory, string workDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = Handler.HandlerProcess.FreePort();
        var handler = new DrillHandler(appDirectory, workDirectory, port, environment);
        await handler.StartProcessAsync(cancellationToken);
        return handler;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): no shutdown, no flush, in-flight requests cut.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Kills++;
        }

        _process?.Dispose();
        _process = null;
    }

    public Task RestartAsync(CancellationToken cancellationToken) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process?.Dispose();
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(_appDirectory, "TouchpointPipeline.Functions.dll")])
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = Url.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = _appDirectory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {process.ExitCode}: {Stderr()}");
            }

            try
            {
                using var _ = await http.GetAsync(Url, cancellationToken);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                // A loaded machine: the first answer can take longer than one probe's timeout.
            }
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
