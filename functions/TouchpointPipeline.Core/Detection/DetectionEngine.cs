using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// The pure part of detection: merge new events into a customer's state, prune it, evaluate every rule over the whole
/// (bounded) window, and apply idempotence and cooldown. No I/O, no clock of its own: callers pass <c>now</c>.
/// </summary>
public sealed class DetectionEngine(RuleSet rules, IOptions<DetectionOptions> options)
{
    private readonly DetectionOptions _options = options.Value;

    public RuleSet Rules => rules;

    internal DetectionOutcome Evaluate(DetectorState state, IReadOnlyList<StateEvent> incoming, DateTimeOffset now, string batchId)
    {
        var known = state.Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var added = incoming.Where(e => known.Add(e.Id)).ToList();
        var events = Prune(state.Events.Concat(added), now);
        var fired = state.Fired.Where(f => f.Time >= now - (rules.MaxWindow + _options.RetentionSlack + CooldownOf(f.RuleId))).ToList();
        var firedIds = fired.Select(f => f.AlertId).ToHashSet(StringComparer.Ordinal);
        var newAlerts = new List<Alert>();

        foreach (var rule in rules.Rules.Where(r => r.Kind != RuleKind.Absence))
        {
            // Candidates in time order: the cooldown keeps the earliest of a burst, whichever arrived first.
            foreach (var incident in RuleEvaluator.Evaluate(rule, events).OrderBy(i => i.Trigger, Comparer<StateEvent>.Create(StateEvent.Compare)))
            {
                var id = IncidentIds.For(rule.Id, state.CustomerKey, incident.Trigger.Id);
                if (firedIds.Contains(id) || InCooldown(rule, fired, incident.Trigger.Time))
                {
                    continue;
                }

                fired.Add(new FiredIncident(rule.Id, id, incident.Trigger.Time, batchId));
                firedIds.Add(id);
                newAlerts.Add(AlertFactory.Create(rule, state.CustomerKey, id, incident.Trigger.Id, incident.Evidence, now));
            }
        }

        var incomingIds = incoming.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var (pending, newPending) = OpenAbsenceWindows(state, events, incomingIds, firedIds, now);
        // Alerts an earlier invocation of this very batch raised: a retry publishes them again, a redelivery re-marks them.
        var republish = state.Fired.Where(f => string.Equals(f.BatchId, batchId, StringComparison.Ordinal)).Select(f => f.AlertId).ToList();
        var next = new DetectorState(state.CustomerKey, events, fired, pending) { Session = state.Session };
        var changed = added.Count > 0 || newAlerts.Count > 0 || events.Count != state.Events.Count || fired.Count != state.Fired.Count
            || newPending.Count > 0 || !pending.SequenceEqual(state.AbsenceWindows);
        return new DetectionOutcome(next, changed, newAlerts, newPending, republish);
    }

    /// <summary>True when an alert of the rule was raised for the customer less than the cooldown before or after <paramref name="time"/>.</summary>
    internal static bool InCooldown(DetectionRule rule, IEnumerable<FiredIncident> fired, DateTimeOffset time) =>
        fired.Any(f => string.Equals(f.RuleId, rule.Id, StringComparison.Ordinal) && (f.Time - time).Duration() < rule.Cooldown);

    /// <summary>
    /// The open windows and the checks to index: one for each new open window, and again for each open window whose
    /// opener is in this batch (a redelivery after a crash between the state write and the check write re-indexes it;
    /// adding a check is idempotent).
    /// </summary>
    private (List<AbsenceWindow> Pending, List<PendingCheck> New) OpenAbsenceWindows(
        DetectorState state, IReadOnlyList<StateEvent> events, HashSet<string> incomingIds, HashSet<string> firedIds, DateTimeOffset now)
    {
        var pending = state.AbsenceWindows
            .Where(p => p.Deadline >= now - (_options.RetentionSlack + _options.AbsenceGrace + TimeSpan.FromDays(1)))
            .ToList();
        var created = new List<PendingCheck>();
        foreach (var rule in rules.Rules.Where(r => r.Kind == RuleKind.Absence))
        {
            foreach (var opener in events.Where(rule.Match!.Matches))
            {
                var id = IncidentIds.For(rule.Id, state.CustomerKey, opener.Id);
                var deadline = opener.Time + rule.Window;
                var closed = IsClosed(rule, opener, events);
                var index = pending.FindIndex(p => p.Id == id);
                if (index >= 0)
                {
                    if (closed && !pending[index].Closed)
                    {
                        pending[index] = pending[index] with { Closed = true };
                    }
                    else if (!pending[index].Closed && incomingIds.Contains(opener.Id))
                    {
                        created.Add(new PendingCheck(id, state.CustomerKey, rule.Id, opener.Id, pending[index].Deadline));
                    }
                }
                else if (!firedIds.Contains(id))
                {
                    pending.Add(new AbsenceWindow(id, rule.Id, opener.Id, opener.Time, deadline, closed));
                    if (!closed)
                    {
                        created.Add(new PendingCheck(id, state.CustomerKey, rule.Id, opener.Id, deadline));
                    }
                }
            }
        }

        return (pending, created);
    }

    /// <summary>A closing event at or after the opener and no later than the deadline closes the window.</summary>
    internal static bool IsClosed(DetectionRule rule, StateEvent opener, IEnumerable<StateEvent> events) =>
        events.Any(e => rule.ClosedBy!.Matches(e) && e.Time >= opener.Time && e.Time - opener.Time <= rule.Window);

    private List<StateEvent> Prune(IEnumerable<StateEvent> events, DateTimeOffset now) =>
        events.Where(e => e.Time >= now - (rules.RetentionOf(e) + _options.RetentionSlack))
            .OrderByDescending(e => e, Comparer<StateEvent>.Create(StateEvent.Compare))
            .Take(_options.MaxEventsPerCustomer)
            .OrderBy(e => e, Comparer<StateEvent>.Create(StateEvent.Compare))
            .ToList();

    private TimeSpan CooldownOf(string ruleId) => rules.Find(ruleId)?.Cooldown ?? TimeSpan.Zero;
}
