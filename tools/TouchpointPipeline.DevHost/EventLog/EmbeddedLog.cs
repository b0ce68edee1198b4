using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>The embedded stand-in for Event Hubs: one <see cref="HubLog"/> per hub name, created on first use.</summary>
internal sealed class EmbeddedLog(IOptions<DevHostOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HubLog> _hubs = new(StringComparer.OrdinalIgnoreCase);

    public HubLog Hub(string name) => _hubs.GetOrAdd(name, static (n, state) => new HubLog(n, state.Partitions, state.Time), (options.Value.Partitions, Time: time));

    public bool TryGetHub(string name, out HubLog hub) => _hubs.TryGetValue(name, out hub!);

    public IEnumerable<HubLog> Hubs => _hubs.Values.OrderBy(h => h.Name, StringComparer.Ordinal);
}
