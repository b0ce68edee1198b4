namespace TouchpointPipeline.Core.Timelines;

/// <summary>Per-item outcomes of <see cref="ITimelineStore.AppendAsync"/>, in the order the items were given.</summary>
public sealed record AppendResult(IReadOnlyList<AppendOutcome> Outcomes)
{
    public int Created => Outcomes.Count(o => o == AppendOutcome.Created);
    public int Duplicates => Outcomes.Count(o => o == AppendOutcome.Duplicate);
}
