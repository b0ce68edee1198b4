namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>The body of <c>GET /api/metrics</c>: every instrument of the app's meters, per tag set.</summary>
internal sealed record MetricsSnapshot(
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    int BucketSeconds,
    IReadOnlyList<CounterView> Counters,
    IReadOnlyList<HistogramView> Histograms);
