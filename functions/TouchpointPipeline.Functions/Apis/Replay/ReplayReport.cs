namespace TouchpointPipeline.Functions.Apis.Replay;

/// <summary>The answer of a replay: totals, then each batch.</summary>
internal sealed record ReplayReport(IReadOnlyList<ReplayedBatch> Items)
{
    public int Batches => Items.Count;
    public int Replayed => Items.Count(i => i.Outcome == ReplayedBatch.Replayed);
    public int Failed => Items.Count(i => i.Outcome == ReplayedBatch.Failed);
    public int Received => Items.Sum(i => i.Received);
    public int Stored => Items.Sum(i => i.Stored);
    public int Duplicates => Items.Sum(i => i.Duplicates);
    public int Quarantined => Items.Sum(i => i.Quarantined);
}
