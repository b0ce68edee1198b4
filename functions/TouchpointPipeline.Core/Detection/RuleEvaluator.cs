using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// Finds a rule's incidents in a customer's events (sorted by <see cref="StateEvent.Compare"/>). A pure function of
/// the event set, so batches split, shuffled or redelivered find the same incidents once the same events are known.
/// Absence rules are handled by the engine and the sweep.
/// </summary>
internal static class RuleEvaluator
{
    public static IEnumerable<Incident> Evaluate(DetectionRule rule, IReadOnlyList<StateEvent> events) => rule.Kind switch
    {
        RuleKind.Count => Count(rule, events),
        RuleKind.Sequence => Sequence(rule, events),
        RuleKind.Trend => Trend(rule, events),
        _ => [],
    };

    /// <summary>The value the group's events must share; null when the rule groups and the event has none of the fields.</summary>
    public static string? GroupKey(DetectionRule rule, StateEvent e) =>
        rule.GroupBy.Count == 0 ? string.Empty : rule.GroupBy.Select(e.Field).FirstOrDefault(v => v is not null);

    private static IEnumerable<Incident> Count(DetectionRule rule, IReadOnlyList<StateEvent> events)
    {
        foreach (var group in Groups(rule, events))
        {
            for (var j = 0; j < group.Count; j++)
            {
                // The run ending at j: walk back while the span stays within the window and (when asked) each event is
                // close on screen to the next one.
                var i = j;
                while (i > 0 && group[j].Time - group[i - 1].Time <= rule.Window && Near(rule, group[i - 1], group[i]))
                {
                    i--;
                }

                if (j - i + 1 < rule.Count)
                {
                    // Too few events in the run to reach the count (distinct or not): skip building it.
                    continue;
                }

                var run = group.GetRange(i, j - i + 1);
                var evidence = rule.Distinct.Count == 0
                    ? run
                    : run.Where(e => DistinctKey(rule, e) is not null).DistinctBy(e => DistinctKey(rule, e), StringComparer.Ordinal).ToList();
                if (evidence.Count >= rule.Count && (rule.Distinct.Count == 0 || evidence.Contains(group[j])))
                {
                    yield return new Incident(rule.Id, group[j], evidence);
                }
            }
        }
    }

    private static IEnumerable<Incident> Sequence(DetectionRule rule, IReadOnlyList<StateEvent> events)
    {
        var last = rule.Steps[^1];
        for (var j = 0; j < events.Count; j++)
        {
            if (!last.Matches(events[j]))
            {
                continue;
            }

            // Walk back from the event that completes the chain, taking for each earlier step the latest event before
            // the current link, all within the window of the trigger.
            var chain = new List<StateEvent> { events[j] };
            var cursor = j;
            for (var step = rule.Steps.Count - 2; step >= 0 && chain.Count == rule.Steps.Count - 1 - step; step--)
            {
                for (var i = cursor - 1; i >= 0 && events[j].Time - events[i].Time <= rule.Window; i--)
                {
                    if (rule.Steps[step].Matches(events[i]))
                    {
                        chain.Insert(0, events[i]);
                        cursor = i;
                        break;
                    }
                }
            }

            if (chain.Count == rule.Steps.Count)
            {
                yield return new Incident(rule.Id, events[j], chain);
            }
        }
    }

    private static IEnumerable<Incident> Trend(DetectionRule rule, IReadOnlyList<StateEvent> events)
    {
        foreach (var group in Groups(rule, events))
        {
            var points = group.Where(e => FieldCondition.TryNumber(e.Field(rule.Value!), out _)).ToList();
            for (var j = rule.Points - 1; j < points.Count; j++)
            {
                var window = points.Skip(j - rule.Points + 1).Take(rule.Points).ToList();
                var values = window.Select(e => Number(e, rule.Value!)).ToList();
                var falling = values.Zip(values.Skip(1)).All(p => p.Second <= p.First);
                if (falling && values[0] - values[^1] >= rule.MinDrop && (rule.MaxFinal is not { } max || values[^1] <= max)
                    && window[^1].Time - window[0].Time <= rule.Window)
                {
                    yield return new Incident(rule.Id, window[^1], window);
                }
            }
        }
    }

    private static IEnumerable<List<StateEvent>> Groups(DetectionRule rule, IReadOnlyList<StateEvent> events) =>
        events.Where(rule.Match!.Matches)
            .Select(e => (Key: GroupKey(rule, e), Event: e))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.Event).ToList());

    private static string? DistinctKey(DetectionRule rule, StateEvent e) => rule.Distinct.Select(e.Field).FirstOrDefault(v => v is not null);

    private static bool Near(DetectionRule rule, StateEvent a, StateEvent b)
    {
        if (rule.MaxDistancePx is not { } max)
        {
            return true;
        }

        if (!FieldCondition.TryNumber(a.Field(RuleSet.PositionX), out var ax) || !FieldCondition.TryNumber(a.Field(RuleSet.PositionY), out var ay)
            || !FieldCondition.TryNumber(b.Field(RuleSet.PositionX), out var bx) || !FieldCondition.TryNumber(b.Field(RuleSet.PositionY), out var by))
        {
            return false;
        }

        var dx = ax - bx;
        var dy = ay - by;
        return (dx * dx) + (dy * dy) <= max * max;
    }

    private static double Number(StateEvent e, string field)
    {
        FieldCondition.TryNumber(e.Field(field), out var value);
        return value;
    }
}
