using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.Triggers.Ingest;

namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>
/// Re-validates quarantined events (after a schema or rule fix) and feeds them through the same ingest pipeline as
/// the trigger, one quarantine record at a time. The events that pass are stored; the record is then rewritten in
/// place with the events that still fail, carrying their new reason (removed when none is left), so an event is never
/// quarantined twice. Idempotent: timeline appends are keyed by event id and the detector state remembers what it has
/// seen, so a second replay stores nothing and raises nothing again. Alerts are left to the outbox.
/// </summary>
internal sealed class QuarantineReplayer(IQuarantineStore quarantine, IngestPipeline pipeline, ILogger<QuarantineReplayer> logger)
{
    public async Task<ReplayReport> ReplayAsync(ReplayFilter filter, CancellationToken cancellationToken)
    {
        var items = new List<ReplayedBatch>();
        foreach (var name in await quarantine.ListAsync(cancellationToken))
        {
            if (await quarantine.ReadAsync(name, cancellationToken) is not { } record
                || Select(filter, name, record) is not { Count: > 0 } selected)
            {
                continue;
            }

            var result = await ReplayOneAsync(name, record, selected, cancellationToken);
            ReplayLog.QuarantineReplayed(logger, name, result.Outcome, result.Error ?? string.Empty);
            items.Add(result);
        }

        return new ReplayReport(items);
    }

    /// <summary>
    /// The record's events the filter picks: all of them when it matches the record (function, time, batch id or
    /// name), or only the events whose id is the filter's <see cref="ReplayFilter.Id"/>.
    /// </summary>
    private static List<QuarantinedEvent> Select(ReplayFilter filter, string name, QuarantineBatch record)
    {
        if (filter.Matches(name, record.FunctionName, record.BatchId, record.BatchTime))
        {
            return [.. record.Events];
        }

        return filter.Id is null || !(filter with { Id = null }).Matches(name, record.FunctionName, record.BatchId, record.BatchTime)
            ? []
            : [.. record.Events.Where(e => string.Equals(e.EventId, filter.Id, StringComparison.Ordinal))];
    }

    private async Task<ReplayedBatch> ReplayOneAsync(string name, QuarantineBatch record, List<QuarantinedEvent> selected, CancellationToken cancellationToken)
    {
        if (!IngestFunction.All.Any(f => string.Equals(f.Name, record.FunctionName, StringComparison.Ordinal)))
        {
            return Failed(name, record, $"unknown function {record.FunctionName}");
        }

        try
        {
            var events = selected.Select(e => new RawEvent(e.Body, e.Position)).ToList();
            var result = await pipeline.ProcessAsync(
                new IngestBatch(record.FunctionName, record.Hub, events) { IsReplay = true, HandsBackRejected = true }, cancellationToken);

            // Write the remainder only once the replayed events are stored: a crash in between replays them again
            // (stored as duplicates), never loses one.
            var replayed = new HashSet<QuarantinedEvent>(selected, ReferenceEqualityComparer.Instance);
            var untouched = record.Events.Where(e => !replayed.Contains(e));
            await quarantine.ReplaceAsync(name, record with { Events = [.. untouched, .. result.Rejected] }, cancellationToken);
            return new ReplayedBatch(name, record.BatchId, record.FunctionName, ReplayedBatch.Replayed, result.Received, result.Stored, result.Duplicates, result.Quarantined, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(name, record, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static ReplayedBatch Failed(string name, QuarantineBatch record, string error) =>
        new(name, record.BatchId, record.FunctionName, ReplayedBatch.Failed, 0, 0, 0, 0, error);
}
