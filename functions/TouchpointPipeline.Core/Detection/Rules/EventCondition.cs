namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>Which events a rule step looks at: one of <see cref="Types"/>, on one of <see cref="Channels"/> (any when empty), every <see cref="Where"/> true.</summary>
public sealed record EventCondition(IReadOnlyList<string> Types, IReadOnlyList<string> Channels, IReadOnlyList<FieldCondition> Where)
{
    public bool Matches(StateEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Types.Contains(e.Type, StringComparer.Ordinal))
        {
            return false;
        }

        if (Channels.Count > 0 && !Channels.Contains(e.Channel, StringComparer.Ordinal))
        {
            return false;
        }

        foreach (var condition in Where)
        {
            if (!condition.Matches(e.Fields))
            {
                return false;
            }
        }

        return true;
    }
}
