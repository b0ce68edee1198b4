using TouchpointPipeline.DevHost.EventHubs;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.Simulator;

namespace TouchpointPipeline.DevHost.Simulation;

/// <summary>The function app as the dev host runs it, for the simulator: its address, its settings, the embedded log and the pumps' progress.</summary>
internal sealed class DevHostSimulationTarget(
    DevHostAddress address, FunctionAppManifest manifest, AppSettings settings, EmbeddedLog log, EventHubTriggerService eventHubs) : ISimulationTarget
{
    public Uri ApiBaseUrl { get; } = new(address.BaseUrl, manifest.Host.RoutePrefix.Length > 0 ? manifest.Host.RoutePrefix + "/" : string.Empty);

    public string AppDirectory => manifest.RootDirectory;

    public string? Setting(string name) => settings[name];

    public IReadOnlyList<ConsumerPosition> Consumers() =>
        [.. eventHubs.Pumps.Select(p => new ConsumerPosition(p.Binding.Function.Name, p.Partition.Hub, p.Partition.Id, p.Partition.NextSequenceNumber, p.Status().Checkpoint))];

    public IReadOnlyList<string> PartitionIds(string hub) =>
        log.TryGetHub(hub, out var found) ? [.. found.Partitions.Select(p => p.Id)] : [];

    public IReadOnlyList<HubMessage> Read(string hub, string partitionId, long fromSequenceNumber, int max) =>
        log.TryGetHub(hub, out var found) && found.Partitions.FirstOrDefault(p => p.Id == partitionId) is { } partition
            ? [.. partition.Read(fromSequenceNumber, max).Select(m => new HubMessage(m.SequenceNumber, m.Body))]
            : [];
}
