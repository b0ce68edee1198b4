namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>One histogram and tag set: count, sum, maximum and the latest <see cref="SampleSize"/> values for percentiles.</summary>
internal sealed class HistogramSeries(string name, string? unit, IReadOnlyDictionary<string, string> tags)
{
    public const int SampleSize = 10_000;

    private readonly Lock _gate = new();
    private readonly double[] _sample = new double[SampleSize];
    private long _count;
    private double _sum;
    private double _max;

    public void Add(double value)
    {
        lock (_gate)
        {
            _sample[(int)(_count % SampleSize)] = value;
            _count++;
            _sum += value;
            _max = _count == 1 ? value : Math.Max(_max, value);
        }
    }

    public HistogramView View()
    {
        double[] sorted;
        long count;
        double sum, max;
        lock (_gate)
        {
            sorted = _sample[..(int)Math.Min(_count, SampleSize)];
            (count, sum, max) = (_count, _sum, _max);
        }

        Array.Sort(sorted);
        return new HistogramView(name, unit, tags, count, sum, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), count == 0 ? null : max);
    }

    /// <summary>Nearest-rank percentile of the sample; null when empty.</summary>
    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
