namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>A counter's total since the process started and its sums per bucket, oldest first, the current one last.</summary>
internal sealed record CounterView(string Name, string? Unit, IReadOnlyDictionary<string, string> Tags, double Value, IReadOnlyList<double> Recent);
