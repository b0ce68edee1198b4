namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>A histogram since the process started: count, sum, nearest-rank percentiles of the latest values, maximum.</summary>
internal sealed record HistogramView(
    string Name, string? Unit, IReadOnlyDictionary<string, string> Tags, long Count, double Sum, double? P50, double? P95, double? P99, double? Max);
