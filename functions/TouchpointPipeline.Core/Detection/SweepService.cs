using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// The scheduled half of detection. Absence windows are found through their pending checks by deadline (never by
/// scanning customers) and judged against the customer's state once deadline + grace has passed; open alerts past
/// <see cref="AlertOptions.EscalateAfter"/> are escalated. Idempotent: a repeated or overlapping run finds the same
/// alert ids, and a check is deleted only after the state records its outcome.
/// </summary>
public sealed class SweepService(
    DetectionEngine engine,
    IDetectorStateStore states,
    IAlertStore alerts,
    AlertWorkflow workflow,
    IOptions<DetectionOptions> options,
    TimeProvider time,
    ILogger<SweepService> logger)
{
    private const int MaxAttempts = 8;

    public async Task<SweepResult> SweepAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await states.GetDuePendingAsync(now - options.Value.AbsenceGrace, options.Value.SweepBatchSize, cancellationToken);
        var raised = new List<Alert>();
        foreach (var check in due)
        {
            if (engine.Rules.Find(check.RuleId) is not { } rule || rule.Kind != RuleKind.Absence)
            {
                DetectionLog.UnknownRule(logger, check.Id, check.RuleId);
            }
            else if (await JudgeAsync(rule, check, now, cancellationToken) is { } alert)
            {
                raised.Add(alert);
            }

            await states.DeletePendingAsync(check, cancellationToken);
        }

        var escalated = await workflow.EscalateAsync(options.Value.SweepBatchSize, cancellationToken);
        DetectionLog.SweepCompleted(logger, due.Count, raised.Count, escalated.Count, isPastDue);
        return new SweepResult(due.Count, raised, escalated);
    }

    /// <summary>Raises the absence alert unless the window was closed, already alerted or in cooldown; records the outcome in the state.</summary>
    private async Task<Alert?> JudgeAsync(DetectionRule rule, PendingCheck check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await states.GetAsync(check.CustomerKey, cancellationToken);
            var state = stored?.State ?? DetectorState.Empty(check.CustomerKey);
            var pending = state.AbsenceWindows.FirstOrDefault(p => p.Id == check.Id);
            if (pending is null)
            {
                // Ingest writes a check only after the state holding its window is saved, so a state without the
                // window means it was judged already (or pruned as stale): nothing to raise, the check can go.
                return null;
            }

            var opener = state.Events.FirstOrDefault(e => e.Id == check.TriggerEventId)
                ?? new StateEvent(pending.TriggerEventId, rule.Match!.Types[0], string.Empty, pending.TriggerTime, new Dictionary<string, string>());
            var closed = pending.Closed || DetectionEngine.IsClosed(rule, opener, state.Events);
            var fired = state.Fired.ToList();
            Alert? alert = null;
            if (!closed && !fired.Any(f => f.AlertId == check.Id) && !DetectionEngine.InCooldown(rule, fired, pending.TriggerTime))
            {
                alert = AlertFactory.Create(rule, check.CustomerKey, check.Id, opener.Id, [opener], now);
                await alerts.CreateAsync(alert, cancellationToken);
                fired.Add(new FiredIncident(rule.Id, check.Id, pending.TriggerTime, BatchId: null));
            }

            var next = state with { Fired = fired, AbsenceWindows = state.AbsenceWindows.Where(p => p.Id != check.Id).ToList() };
            if (await states.TrySaveAsync(next, stored?.ETag, cancellationToken))
            {
                return alert;
            }

            DetectionLog.StateConflict(logger, attempt);
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Detector state of a customer kept changing concurrently; gave up after {MaxAttempts} attempts.");
            }
        }
    }
}
