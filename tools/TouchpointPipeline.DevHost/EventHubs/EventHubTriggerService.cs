using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;

namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>Runs a <see cref="PartitionPump"/> for every partition of every <c>eventHubTrigger</c> function's hub, all concurrently.</summary>
internal sealed class EventHubTriggerService : BackgroundService
{
    private readonly List<PartitionPump> _pumps = [];

    public EventHubTriggerService(
        FunctionAppManifest app, EmbeddedLog log, AppSettings settings, IOptions<DevHostOptions> options,
        FunctionInvoker invoker, OutputBindingWriter outputs, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("DevHost.EventHubs");
        foreach (var function in app.WithTrigger("eventHubTrigger"))
        {
            var binding = EventHubTriggerBinding.From(function);
            var ns = FullyQualifiedNamespace(settings, function.Trigger!.GetString("connection"));
            foreach (var partition in log.Hub(binding.EventHubName).Partitions)
            {
                _pumps.Add(new PartitionPump(binding, partition, app.Host.EventHubs, ns, options.Value.RedeliverEvery, invoker, outputs, time, logger));
            }
        }
    }

    public IReadOnlyList<PartitionPump> Pumps => _pumps;

    public override void Dispose()
    {
        foreach (var pump in _pumps)
        {
            pump.Dispose();
        }

        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_pumps.Select(pump => Task.Run(() => pump.RunAsync(stoppingToken), stoppingToken)));

    /// <summary>
    /// What <c>TriggerPartitionContext.FullyQualifiedNamespace</c> says: the connection's namespace when the settings
    /// name one (<c>Endpoint=sb://…</c> or <c>&lt;connection&gt;__fullyQualifiedNamespace</c>), else a local stand-in.
    /// </summary>
    internal static string FullyQualifiedNamespace(AppSettings settings, string? connection)
    {
        if (connection is null)
        {
            return "devhost.localhost";
        }

        if (settings[$"{connection}__fullyQualifiedNamespace"] is { Length: > 0 } fqns)
        {
            return fqns;
        }

        foreach (var part in (settings[connection] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Endpoint=", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(part["Endpoint=".Length..], UriKind.Absolute, out var endpoint))
            {
                return endpoint.Host;
            }
        }

        return "devhost.localhost";
    }
}
