namespace TouchpointPipeline.Core.Timelines;

/// <summary>What happened to one item of an append: it is new, or the store already had (customer key, id).</summary>
public enum AppendOutcome
{
    Created,
    Duplicate,
}
