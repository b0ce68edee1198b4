using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;

namespace TouchpointPipeline.DevHost.Timers;

/// <summary>Runs every <c>timerTrigger</c> function of the app on its schedule.</summary>
internal sealed class TimerTriggerService(FunctionAppManifest app, FunctionInvoker invoker, OutputBindingWriter outputs, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private readonly TimerFunction[] _timers = [.. app.WithTrigger("timerTrigger")
        .Select(f => new TimerFunction(f, invoker, outputs, time, loggers.CreateLogger("DevHost.Timers")))];

    public IReadOnlyList<TimerFunction> Timers => _timers;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(t => Task.Run(() => t.RunAsync(stoppingToken), stoppingToken)));
}
