using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Enrichment.Sessions;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// Streaming detection for one ingest batch, after the timeline write: the batch's customers' compact states in one
/// read, then per customer: evaluate, create the alerts (create-if-absent), index new absence windows, and write the
/// state back with its etag (only when it changed); a concurrent writer (another hub's function, another partition)
/// makes the write fail, and the customer is re-read and re-evaluated. Order of effects: alerts, then the state, then
/// the absence checks. Alerts before the state: a crash in between leaves the state without the incident and the retry
/// raises it again under the same id. Checks after the state: the sweep judges a check against the state and deletes it
/// when the state has no such window, so a check written before its window could be swept away before the window is
/// saved (the late-event race); a crash between the state and the check is healed by the redelivered batch, whose
/// opener re-indexes its window.
/// </summary>
public sealed class DetectionService(
    DetectionEngine engine,
    IDetectorStateStore states,
    IAlertStore alerts,
    IOptions<DetectionOptions> options,
    TimeProvider time,
    ILogger<DetectionService> logger)
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Evaluates the batch's items (duplicates included: a redelivery after a crash must still be evaluated). Returns
    /// the alerts to publish: those this call raised, plus, on a host retry, those the failed attempt raised.
    /// </summary>
    public Task<IReadOnlyList<Alert>> DetectAsync(IReadOnlyList<TimelineItem> items, string batchId, bool isRetry, CancellationToken cancellationToken) =>
        DetectAsync(items, batchId, isRetry ? BatchDelivery.Retry : BatchDelivery.First, cancellationToken);

    /// <summary>
    /// Evaluates the batch's items as <paramref name="delivery"/> says it arrived. Alerts an earlier invocation of the
    /// same batch raised are returned again on a <see cref="BatchDelivery.Retry"/> (the failed attempt's outputs were
    /// dropped); on a <see cref="BatchDelivery.First"/> (which, for a batch seen before, is a redelivery: the host did
    /// not checkpoint it, maybe crashed before flushing the outputs) they are marked undelivered to the hub again, for
    /// the sweep's outbox; a <see cref="BatchDelivery.Replay"/> leaves them as they are.
    /// </summary>
    public Task<IReadOnlyList<Alert>> DetectAsync(IReadOnlyList<TimelineItem> items, string batchId, BatchDelivery delivery, CancellationToken cancellationToken) =>
        DetectAsync(items, batchId, delivery, read: null, cancellationToken);

    /// <summary>
    /// As <see cref="DetectAsync(IReadOnlyList{TimelineItem}, string, BatchDelivery, CancellationToken)"/>, starting
    /// from the states <see cref="ReadStatesAsync"/> returned for the batch's customers (null: read them here). A state
    /// read early is only a first guess: its etag guards the write, and a customer whose state changed meanwhile is
    /// re-read. Besides the rules' events, each state keeps the customer's newest web/app item (<see cref="SessionMark"/>).
    /// </summary>
    public async Task<IReadOnlyList<Alert>> DetectAsync(
        IReadOnlyList<TimelineItem> items, string batchId, BatchDelivery delivery, IReadOnlyDictionary<string, StoredDetectorState>? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rules = engine.Rules;
        var relevant = items
            .Where(i => rules.Types.Contains(i.Type))
            .Select(i => (i.CustomerKey, Event: StateEventFields.From(i, rules.Fields)))
            .Where(x => rules.IsRelevant(x.Event))
            .GroupBy(x => x.CustomerKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Event).ToList(), StringComparer.Ordinal);
        var marks = items
            .Where(i => i.Channel is Channel.Web or Channel.App)
            .GroupBy(i => i.CustomerKey, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.MaxBy(i => i.SortKey, StringComparer.Ordinal) is { } newest
                    ? new SessionMark(newest.SessionId, newest.Time, newest.SortKey) { BatchStart = g.Select(i => i.SortKey).Min(StringComparer.Ordinal) }
                    : null,
                StringComparer.Ordinal);
        var customers = relevant.Keys.Union(marks.Keys, StringComparer.Ordinal).ToList();
        if (customers.Count == 0)
        {
            return [];
        }

        // One read for the whole batch (one round trip on adapters that override GetManyAsync), not one per customer.
        read ??= await states.GetManyAsync(customers, cancellationToken);
        var published = new ConcurrentBag<Alert>();
        await Parallel.ForEachAsync(
            customers,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken },
            async (customerKey, ct) =>
            {
                var mark = marks.GetValueOrDefault(customerKey);
                var incoming = relevant.GetValueOrDefault(customerKey) ?? [];
                foreach (var alert in await DetectCustomerAsync(customerKey, read.GetValueOrDefault(customerKey), incoming, mark, batchId, delivery, ct))
                {
                    published.Add(alert);
                }
            });

        return published.OrderBy(a => a.CustomerKey, StringComparer.Ordinal).ThenBy(a => a.FirstEvidenceTime).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The stored states of the batch's customers, in one store read. Ingest reads them before assigning sessions
    /// (their session marks continue the customers' sessions) and passes them on to <see cref="DetectAsync(IReadOnlyList{TimelineItem}, string, BatchDelivery, IReadOnlyDictionary{string, StoredDetectorState}?, CancellationToken)"/>.
    /// </summary>
    public Task<IReadOnlyDictionary<string, StoredDetectorState>> ReadStatesAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken) =>
        states.GetManyAsync(customerKeys, cancellationToken);

    private async Task<IReadOnlyList<Alert>> DetectCustomerAsync(
        string customerKey, StoredDetectorState? stored, IReadOnlyList<StateEvent> incoming, SessionMark? mark, string batchId, BatchDelivery delivery,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                stored = await states.GetAsync(customerKey, cancellationToken);
            }

            var outcome = engine.Evaluate(stored?.State ?? DetectorState.Empty(customerKey), incoming, time.GetUtcNow(), batchId);
            var session = outcome.State.Session;
            if (mark is not null && (session is null || string.CompareOrdinal(mark.SortKey, session.SortKey) > 0))
            {
                // No state at all: nothing came before this batch. A state without a mark (saved before marks existed): unknown.
                var before = stored is null ? SessionMark.Nothing : session is null ? null : session with { Before = null };
                outcome = outcome with { State = outcome.State with { Session = mark with { Before = before } }, StateChanged = true };
            }

            foreach (var alert in outcome.NewAlerts)
            {
                await alerts.CreateAsync(alert, cancellationToken);
            }

            if (outcome.StateChanged && !await states.TrySaveAsync(outcome.State, stored?.ETag, cancellationToken))
            {
                DetectionLog.StateConflict(logger, attempt);
                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"Detector state of a customer kept changing concurrently; gave up after {MaxAttempts} attempts.");
                }

                continue;
            }

            foreach (var check in outcome.NewPending)
            {
                await states.AddPendingAsync(check, cancellationToken);
            }

            var result = new List<Alert>(outcome.NewAlerts);
            foreach (var id in delivery == BatchDelivery.Replay ? [] : outcome.Republish)
            {
                if (delivery == BatchDelivery.Retry)
                {
                    if (await alerts.GetAsync(id, cancellationToken) is { } earlier)
                    {
                        result.Add(earlier with { ETag = null });
                    }
                }
                else
                {
                    await MarkUndeliveredToHubAsync(id, cancellationToken);
                }
            }

            if (result.Count > 0)
            {
                DetectionLog.AlertsRaised(logger, result.Count, batchId);
            }

            return result;
        }
    }

    /// <summary>
    /// Marks an alert undelivered to the hub again. The webhook sender and the outbox change the same alert concurrently
    /// (their delivery marks), so a lost etag race is re-read and tried again rather than dropped: a dropped re-mark would
    /// leave an alert whose outputs the host never flushed marked as delivered.
    /// </summary>
    private async Task MarkUndeliveredToHubAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await alerts.GetAsync(id, cancellationToken) is not { } earlier || earlier.Undelivered.HasFlag(AlertChannels.Hub))
            {
                return;
            }

            if (await alerts.TryReplaceAsync(earlier with { Undelivered = earlier.Undelivered | AlertChannels.Hub }, earlier.ETag!, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Alert {id} kept changing concurrently; could not mark it undelivered to the hub after {MaxAttempts} attempts.");
    }
}
