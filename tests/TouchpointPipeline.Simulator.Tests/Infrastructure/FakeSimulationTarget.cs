namespace TouchpointPipeline.Simulator.Tests.Infrastructure;

/// <summary>An <see cref="ISimulationTarget"/> whose consumers and hub messages a test sets directly.</summary>
internal sealed class FakeSimulationTarget : ISimulationTarget
{
    private readonly Dictionary<(string Hub, string Partition), List<HubMessage>> _hubs = [];

    public Uri ApiBaseUrl { get; } = new("http://127.0.0.1:7071/api/");

    public string AppDirectory { get; } = AppContext.BaseDirectory;

    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ConsumerPosition> Positions { get; } = [];

    public string? Setting(string name) => Settings.GetValueOrDefault(name);

    public IReadOnlyList<ConsumerPosition> Consumers() => [.. Positions];

    public IReadOnlyList<string> PartitionIds(string hub) => [.. _hubs.Keys.Where(k => k.Hub == hub).Select(k => k.Partition).Distinct()];

    public IReadOnlyList<HubMessage> Read(string hub, string partitionId, long fromSequenceNumber, int max) =>
        _hubs.TryGetValue((hub, partitionId), out var messages) ? [.. messages.Skip((int)fromSequenceNumber).Take(max)] : [];

    public void Publish(string hub, string partitionId, string body)
    {
        if (!_hubs.TryGetValue((hub, partitionId), out var messages))
        {
            _hubs[(hub, partitionId)] = messages = [];
        }

        messages.Add(new HubMessage(messages.Count, body));
    }
}
