namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>
/// What the drill breaks right now (the plan file's JSON, camelCase). Rates are probabilities per call, 0 to 1.
/// </summary>
internal sealed record FaultPlan
{
    public static readonly FaultPlan None = new();

    /// <summary>Share of timeline store calls that fail with an <see cref="IOException"/> (transient, as a store outage).</summary>
    public double TimelineFailureRate { get; init; }

    /// <summary>
    /// Share of timeline store calls that fail with an <see cref="InvalidOperationException"/>: what a bug looks like
    /// (permanent), so the ingest path parks the batch at once for a replay after the fix.
    /// </summary>
    public double TimelineBugRate { get; init; }

    /// <summary>The timeline store is down: every call fails.</summary>
    public bool TimelineDown { get; init; }

    /// <summary>
    /// Share of successful <c>SweepPatterns</c> runs whose answer is replaced by a 500 after the sweep saved its work:
    /// the host drops the outputs, as when the process dies before they are flushed.
    /// </summary>
    public double SweepFailAfterSaveRate { get; init; }

    /// <summary>Seed of the random draws (a restarted handler draws the same sequence again).</summary>
    public int Seed { get; init; } = 1;
}
