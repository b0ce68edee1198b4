using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Core.Alerts;

/// <summary>
/// Status transitions with who/when, applied read-modify-write with the store's etag and retried on a concurrent
/// change, so two agents acknowledging at once produce one acknowledgement and one clear refusal.
/// </summary>
public sealed class AlertWorkflow(IAlertStore store, IOptions<AlertOptions> options, TimeProvider time)
{
    private const int MaxAttempts = 5;

    public Task<AlertTransitionResult> AcknowledgeAsync(string id, string by, CancellationToken cancellationToken) =>
        TransitionAsync(id, a => a.Status == AlertStatus.Open, (a, now) => a with { Status = AlertStatus.Acknowledged, AcknowledgedBy = by, AcknowledgedAt = now }, cancellationToken);

    public Task<AlertTransitionResult> ResolveAsync(string id, string by, CancellationToken cancellationToken) =>
        TransitionAsync(id, a => a.Status != AlertStatus.Resolved, (a, now) => a with { Status = AlertStatus.Resolved, ResolvedBy = by, ResolvedAt = now }, cancellationToken);

    /// <summary>
    /// Marks open alerts older than <see cref="AlertOptions.EscalateAfter"/> as escalated, and undelivered again (the
    /// escalation is delivered like a new alert); returns the ones this call escalated.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> EscalateAsync(int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var escalated = new List<Alert>();
        foreach (var candidate in await store.GetEscalationCandidatesAsync(now - options.Value.EscalateAfter, limit, cancellationToken))
        {
            var result = await TransitionAsync(
                candidate.Id, a => a.Status == AlertStatus.Open && a.EscalatedAt is null, (a, at) => a with { EscalatedAt = at, Undelivered = AlertChannels.All }, cancellationToken);
            if (result.Outcome == AlertTransitionOutcome.Changed)
            {
                escalated.Add(result.Alert!);
            }
        }

        return escalated;
    }

    private async Task<AlertTransitionResult> TransitionAsync(
        string id, Func<Alert, bool> allowed, Func<Alert, DateTimeOffset, Alert> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(id, cancellationToken);
            if (current is null)
            {
                return new AlertTransitionResult(AlertTransitionOutcome.NotFound, null);
            }

            if (!allowed(current))
            {
                return new AlertTransitionResult(AlertTransitionOutcome.InvalidTransition, current);
            }

            var updated = apply(current, time.GetUtcNow());
            if (await store.TryReplaceAsync(updated, current.ETag!, cancellationToken))
            {
                return new AlertTransitionResult(AlertTransitionOutcome.Changed, updated with { ETag = null });
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Alert {id} kept changing concurrently; gave up after {MaxAttempts} attempts.");
            }
        }
    }
}
