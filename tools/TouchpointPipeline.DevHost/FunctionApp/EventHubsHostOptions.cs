namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// host.json <c>extensions.eventHubs</c> as far as delivery is concerned (docs/host-protocol.md §9.2), with the extension's
/// defaults (v6: batches of up to 100, no minimum, checkpoint after every batch, start from the beginning).
/// </summary>
internal sealed record EventHubsHostOptions(
    int MaxEventBatchSize = 100,
    int MinEventBatchSize = 1,
    TimeSpan? MaxWaitTime = null,
    int BatchCheckpointFrequency = 1,
    bool StartFromEnd = false)
{
    public TimeSpan EffectiveMaxWaitTime => MaxWaitTime ?? TimeSpan.FromMinutes(1);
}
