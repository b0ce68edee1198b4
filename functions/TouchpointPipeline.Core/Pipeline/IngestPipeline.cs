using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Enrichment;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Enrichment.Sessions;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>
/// The ingest path for one trigger batch: read and validate each event, quarantine the bad ones, drop in-batch
/// repeats, append the rest to the timelines, then run streaming detection for the batch's customers. Safe to run any number of times on the same batch: quarantine writes
/// are keyed by batch id and timeline appends by (customer key, event id).
/// </summary>
public sealed class IngestPipeline(
    EventReader reader,
    EventEnricher enricher,
    IdentityStitcher identity,
    SessionAssigner sessions,
    ITimelineStore timelines,
    DetectionService detection,
    IQuarantineStore quarantine,
    ErasedSubjects erased,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<IngestPipeline> logger)
{
    /// <summary>
    /// Processes the batch. Reading, validating and enriching are total per event (a failure quarantines that event as
    /// <see cref="QuarantineReason.Unprocessable"/>). Throws for infrastructure failures (a store unreachable past its
    /// retries), and the caller fails the invocation so the host retries the whole batch.
    /// </summary>
    public async Task<IngestResult> ProcessAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = time.GetUtcNow();
        var batchId = BatchIdentity.IdFor(batch.Hub, batch.Events);

        var valid = new List<TouchpointEvent>(batch.Events.Count);
        var rejected = new List<QuarantinedEvent>();
        foreach (var raw in batch.Events)
        {
            var result = reader.Read(raw, raw.Position.EnqueuedTime ?? now);
            if (result.Quarantined is { } q)
            {
                rejected.Add(q);
                continue;
            }

            try
            {
                // Redaction happens here, before anything about the event is stored or looked up.
                valid.Add(enricher.Enrich(result.Event!));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Enrichment is pure per-event work: a failure is this event's content, never a reason to fail the batch.
                rejected.Add(new QuarantinedEvent(QuarantineReason.Unprocessable, [EventReader.Unprocessable(ex)], raw.Body, raw.Position, result.Event!.Id));
            }
        }

        // Erased people stay erased: their redelivered or replayed events are dropped before anything is stored.
        valid = await erased.RemoveErasedAsync(valid, cancellationToken);

        // Enrichment that needs state: identity first (it decides the customer key), then sessions (per customer key).
        // The batch's detector states in one read: their session marks continue the customers' sessions (no timeline
        // query for them), and detection starts from them.
        var enriched = await identity.StitchAsync(valid, cancellationToken);
        var states = enriched.Count == 0
            ? new Dictionary<string, StoredDetectorState>(StringComparer.Ordinal)
            : await detection.ReadStatesAsync([.. enriched.Select(e => e.CustomerKey).Distinct(StringComparer.Ordinal)], cancellationToken);
        enriched = await sessions.AssignAsync(enriched, states.ToDictionary(s => s.Key, s => s.Value.State.Session, StringComparer.Ordinal), cancellationToken);

        var items = new List<TimelineItem>(enriched.Count);
        var seen = new HashSet<(string CustomerKey, string Id)>();
        var inBatchDuplicates = 0;
        foreach (var e in enriched)
        {
            if (seen.Add((e.CustomerKey, e.Id)))
            {
                items.Add(TimelineItem.From(e));
            }
            else
            {
                inBatchDuplicates++;
            }
        }

        if (rejected.Count > 0 && !batch.HandsBackRejected)
        {
            // Quarantine first: if the timeline write then fails, the retried batch rewrites the same blob name (no-op).
            await quarantine.WriteAsync(
                new QuarantineBatch(batchId, batch.FunctionName, batch.Hub, BatchIdentity.TimeFor(batch.Events, now), rejected),
                cancellationToken);
            PipelineLog.EventsQuarantined(logger, batch.FunctionName, batchId, rejected.Count);
        }

        var appended = items.Count == 0 ? new AppendResult([]) : await timelines.AppendAsync(items, cancellationToken);

        // Every item, duplicates included: if an earlier attempt stored the events and then failed before detection,
        // only this evaluation raises their alerts. The detector state remembers what it has seen, so a duplicate it
        // has seen changes nothing and writes nothing.
        IReadOnlyList<Alert> alerts = items.Count == 0 ? [] : await detection.DetectAsync(
            items, batchId, batch.IsReplay ? BatchDelivery.Replay : batch.IsRetry ? BatchDelivery.Retry : BatchDelivery.First, states, cancellationToken);
        metrics.RecordStreamingAlerts(alerts, items, now);

        var outcome = new IngestResult(
            Received: batch.Events.Count,
            Stored: appended.Created,
            Duplicates: inBatchDuplicates + appended.Duplicates,
            Quarantined: rejected.Count,
            QuarantinedByReason: rejected.GroupBy(r => r.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal))
        {
            Alerts = alerts,
            Rejected = batch.HandsBackRejected ? rejected : [],
        };
        metrics.Record(batch.Hub, outcome);
        PipelineLog.BatchProcessed(logger, batch.FunctionName, batchId, outcome.Summary);
        return outcome;
    }
}
