using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>
/// The loaded rules plus what the engine derives from them once: the event fields to keep in detector state, the
/// event types worth looking at, and how long an event can still matter to some rule.
/// </summary>
public sealed class RuleSet
{
    public RuleSet(IReadOnlyList<DetectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var condition in rule.Conditions)
            {
                fields.UnionWith(condition.Where.Select(w => w.Field));
            }

            fields.UnionWith(rule.GroupBy);
            fields.UnionWith(rule.Distinct);
            if (rule.Value is not null)
            {
                fields.Add(rule.Value);
            }

            if (rule.MaxDistancePx is not null)
            {
                fields.Add(PositionX);
                fields.Add(PositionY);
            }
        }

        Fields = fields.Order(StringComparer.Ordinal).ToArray();
        Types = rules.SelectMany(r => r.Conditions).SelectMany(c => c.Types).ToHashSet(StringComparer.Ordinal);
        MaxWindow = rules.Count == 0 ? TimeSpan.Zero : rules.Max(r => r.Window);
    }

    public const string PositionX = "data.x";
    public const string PositionY = "data.y";

    public IReadOnlyList<DetectionRule> Rules { get; }

    /// <summary>The field paths any rule reads, copied from each relevant event into detector state.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Event types some rule mentions; other events never reach detector state.</summary>
    public IReadOnlySet<string> Types { get; }

    /// <summary>The longest window of any rule.</summary>
    public TimeSpan MaxWindow { get; }

    /// <summary>True when some rule condition matches the event, so it belongs in detector state.</summary>
    public bool IsRelevant(StateEvent e) => Rules.Any(r => r.Conditions.Any(c => c.Matches(e)));

    /// <summary>How long an event matters: the longest window of the rules it takes part in.</summary>
    public TimeSpan RetentionOf(StateEvent e)
    {
        var retention = TimeSpan.Zero;
        foreach (var rule in Rules)
        {
            if (rule.Window > retention && rule.Conditions.Any(c => c.Matches(e)))
            {
                retention = rule.Window;
            }
        }

        return retention;
    }

    public DetectionRule? Find(string id) => Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

    internal static bool IsKnownType(string type) => EventTypes.All.Contains(type, StringComparer.Ordinal);
}
