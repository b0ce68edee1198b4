using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost.Amqp;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.Handler;

/// <summary>
/// Starts the function app's handler as the Functions host does (docs/host-protocol.md §1): a child process given the app
/// settings as environment variables plus <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> (a free port) and the worker ids, then
/// <c>GET /</c> every 25 ms until any HTTP answer. Its stdout is logged as Information and stderr as Error. It is
/// killed (with its children) when the dev host stops; if it exits on its own, the dev host stops too. With
/// <see cref="DevHostOptions.HandlerUrl"/> an already running handler is used instead.
/// </summary>
internal sealed class HandlerProcess(
    FunctionAppManifest app,
    AppSettings settings,
    HandlerConnection connection,
    IOptions<DevHostOptions> options,
    AmqpEndpoint amqp,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger("DevHost.Handler");
    private readonly ILogger _console = loggers.CreateLogger("Function.Handler.Console");
    private Process? _process;
    private volatile bool _stopping;

    /// <summary>The function (route <c>health</c>) the handler answers with a health report (docs/operations.md#health).</summary>
    public const string HealthFunctionName = "GetHealth";

    public int? ProcessId => _process?.Id;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var baseAddress = options.Value.HandlerUrl ?? StartProcess();
            await WaitUntilReadyAsync(baseAddress, cancellationToken).ConfigureAwait(false);
            connection.SetReady(baseAddress);
            DevHostLog.HandlerReady(_logger, baseAddress, _process?.Id);
            await ReportHealthAsync(baseAddress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.SetFailed(ex);
            Kill();
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        Kill();
        return Task.CompletedTask;
    }

    public void Dispose() => _process?.Dispose();

    /// <summary>The environment the host gives the handler: its own, the app settings, and the per-process variables.</summary>
    internal static Dictionary<string, string> ChildEnvironment(AppSettings settings, FunctionAppManifest app, int port, AmqpEndpoint amqp)
    {
        var environment = new Dictionary<string, string>(settings.Values, StringComparer.Ordinal);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var workerId = Guid.NewGuid().ToString();
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText;
        environment["FUNCTIONS_HTTPWORKER_PORT"] = portText;
        environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        environment["FUNCTIONS_APP_ROOT_PATH"] = app.RootDirectory;
        environment.TryAdd("FUNCTIONS_WORKER_RUNTIME", "custom");

        // The collector publishes with EventHubProducerClient into the dev host's AMQP listener (the embedded log),
        // whatever a settings file says: the dev host's triggers read that log.
        environment["EventHubConnection"] = amqp.ConnectionString;
        environment.Remove("EventHubConnection__fullyQualifiedNamespace");

        // A .NET apphost finds the runtime through DOTNET_ROOT when dotnet is not in a default location.
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null)
        {
            var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
            if (runtime.Parent?.Parent?.Parent is { } root && File.Exists(Path.Combine(root.FullName, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")))
            {
                environment["DOTNET_ROOT"] = root.FullName;
            }
        }

        return environment;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Uri StartProcess()
    {
        var port = FreePort();
        var start = HandlerLaunch.Create(app, ChildEnvironment(settings, app, port, amqp));
        DevHostLog.HandlerStarting(_logger, start.FileName, string.Join(' ', start.ArgumentList), start.WorkingDirectory, port);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                DevHostLog.HandlerStdout(_console, line);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                DevHostLog.HandlerStderr(_console, line);
            }
        };
        _process.Exited += (_, _) =>
        {
            if (_stopping)
            {
                return;
            }

            DevHostLog.HandlerExited(_logger, SafeExitCode(_process));
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        };
        if (!_process.Start())
        {
            throw new InvalidOperationException($"Could not start the handler '{start.FileName}'.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    private async Task WaitUntilReadyAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System; // readiness is about real sockets, whatever clock the triggers use
        var deadline = time.GetUtcNow() + options.Value.StartupTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The handler exited with code {SafeExitCode(_process)} before answering GET / (see its output above).");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, baseAddress);
                using var response = await connection.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new TimeoutException($"The handler did not answer GET {baseAddress} within {options.Value.StartupTimeout}.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The real host only waits for any answer to <c>GET /</c>; an app that declares <see cref="HealthFunctionName"/>
    /// also has its stores checked once at start, so a wrong connection shows up before the first invocation fails.
    /// Logged only: the dev host starts anyway, as the real host would.
    /// </summary>
    private async Task ReportHealthAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var health = app.Functions.FirstOrDefault(f => f.Name == HealthFunctionName && f.IsHttpInAndOut);
        if (health?.Trigger?.Properties["route"]?.GetValue<string>() is not { } route)
        {
            return;
        }

        try
        {
            var prefix = app.Host.RoutePrefix.Length > 0 ? app.Host.RoutePrefix + "/" : string.Empty;
            using var response = await connection.Client.GetAsync(new Uri(baseAddress, prefix + route), cancellationToken).ConfigureAwait(false);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var status = report.RootElement.GetProperty("status").GetString();
            var checks = report.RootElement.GetProperty("checks").EnumerateArray()
                .Select(c => (Name: c.GetProperty("name").GetString(), Status: c.GetProperty("status").GetString(), Error: c.GetProperty("description").GetString() ?? c.GetProperty("error").GetString()))
                .ToList();
            if (status == "Healthy")
            {
                DevHostLog.HandlerHealthy(_logger, string.Join(", ", checks.Select(c => c.Name)));
            }
            else
            {
                DevHostLog.HandlerUnhealthy(_logger, status, string.Join("; ", checks.Where(c => c.Status != "Healthy").Select(c => $"{c.Name} {c.Status}: {c.Error}")));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            DevHostLog.HandlerUnhealthy(_logger, "unreadable", ex.Message);
        }
    }

    private void Kill()
    {
        if (_process is { HasExited: false } running)
        {
            try
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
    }

    private static int SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
