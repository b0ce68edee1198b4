using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.Triggers.HostPayloads;
using TouchpointPipeline.Functions.Triggers.Ingest;

namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// Feeds parked batches (the exact host request bodies) through the same decoder and ingest pipeline as the trigger,
/// one at a time, and deletes each only after it was processed. Idempotent like a host redelivery: timeline appends
/// are keyed by event id, alerts by their deterministic id, and the detector state remembers what it has seen, so a
/// second replay stores nothing and raises nothing again. Alerts it raises are left to the outbox (the next sweep
/// delivers them to the hub and the webhook).
/// </summary>
internal sealed class ParkedBatchReplayer(IParkedBatchStore parked, IngestPipeline pipeline, IConfiguration configuration, ILogger<ParkedBatchReplayer> logger)
{
    public async Task<ReplayReport> ReplayAsync(ReplayFilter filter, CancellationToken cancellationToken)
    {
        var items = new List<ReplayedBatch>();
        foreach (var name in await parked.ListAsync(cancellationToken))
        {
            if (await parked.ReadAsync(name, cancellationToken) is not { } batch
                || !filter.Matches(name, batch.FunctionName, batch.BatchId, batch.ParkedAt))
            {
                continue;
            }

            var result = await ReplayOneAsync(name, batch, cancellationToken);
            ReplayLog.BatchReplayed(logger, name, result.Outcome, result.Error ?? string.Empty);
            items.Add(result);
        }

        return new ReplayReport(items);
    }

    private async Task<ReplayedBatch> ReplayOneAsync(string name, ParkedBatch batch, CancellationToken cancellationToken)
    {
        if (IngestFunction.All.FirstOrDefault(f => string.Equals(f.Name, batch.FunctionName, StringComparison.Ordinal)) is not { } function)
        {
            return Failed(name, batch, $"unknown function {batch.FunctionName}");
        }

        var decoded = EventHubBatchDecoder.Decode(batch.Payload, IngestFunction.TriggerBindingName, configuration[function.HubSetting] ?? function.DefaultHub);
        if (decoded.Invocation is not { } invocation)
        {
            return Failed(name, batch, decoded.Error!);
        }

        var hub = invocation.Events.Count > 0 ? invocation.Events[0].Position.Hub : configuration[function.HubSetting] ?? function.DefaultHub;
        try
        {
            var result = await pipeline.ProcessAsync(new IngestBatch(function.Name, hub, invocation.Events) { IsReplay = true }, cancellationToken);
            await parked.DeleteAsync(name, cancellationToken);
            return new ReplayedBatch(name, batch.BatchId, batch.FunctionName, ReplayedBatch.Replayed, result.Received, result.Stored, result.Duplicates, result.Quarantined, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(name, batch, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static ReplayedBatch Failed(string name, ParkedBatch batch, string error) =>
        new(name, batch.BatchId, batch.FunctionName, ReplayedBatch.Failed, 0, 0, 0, 0, error);
}
