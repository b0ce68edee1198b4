namespace TouchpointPipeline.Simulator;

/// <summary>
/// The running pipeline the simulator drives and watches, as the host that runs the function app sees it (the dev
/// host implements this over its embedded log): where the app's HTTP functions answer, the settings it runs with,
/// and a read-only view of the event hubs it consumes and publishes to. Watching from the host adds no load to the app.
/// </summary>
public interface ISimulationTarget
{
    /// <summary>Base URL of the app's HTTP functions, route prefix included (e.g. <c>http://127.0.0.1:7071/api/</c>).</summary>
    Uri ApiBaseUrl { get; }

    /// <summary>The folder of the function app (host.json); relative setting paths are resolved against it, as the app does.</summary>
    string AppDirectory { get; }

    /// <summary>An app setting as the app sees it; null when not set.</summary>
    string? Setting(string name);

    /// <summary>Every Event Hubs trigger's progress on every partition of its hub, now.</summary>
    IReadOnlyList<ConsumerPosition> Consumers();

    /// <summary>The partition ids of <paramref name="hub"/>; empty while nothing has created the hub.</summary>
    IReadOnlyList<string> PartitionIds(string hub);

    /// <summary>Up to <paramref name="max"/> messages of one partition from <paramref name="fromSequenceNumber"/> on.</summary>
    IReadOnlyList<HubMessage> Read(string hub, string partitionId, long fromSequenceNumber, int max);
}
