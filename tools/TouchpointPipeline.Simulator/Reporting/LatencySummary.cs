namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>Percentiles in milliseconds (null when nothing was measured).</summary>
public sealed record LatencySummary(long Count, double? P50, double? P95, double? P99, double? Max)
{
    public override string ToString() => Count == 0 ? "n/a" : $"p50 {P50:0} ms, p95 {P95:0} ms, p99 {P99:0} ms (n={Count})";
}
