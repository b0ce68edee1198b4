namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>One counter and tag set: its total and the last <see cref="MetricsCollector.Buckets"/> ten-second sums.</summary>
internal sealed class CounterSeries(string name, string? unit, IReadOnlyDictionary<string, string> tags)
{
    private readonly Lock _gate = new();
    private readonly double[] _recent = new double[MetricsCollector.Buckets];
    private long _lastBucket = long.MinValue;
    private double _total;

    public void Add(double value, long bucket)
    {
        lock (_gate)
        {
            Advance(bucket);
            _total += value;
            _recent[(int)(bucket % MetricsCollector.Buckets)] += value;
        }
    }

    /// <summary>The history oldest first, ending with the bucket of <paramref name="currentBucket"/>.</summary>
    public CounterView View(long currentBucket)
    {
        lock (_gate)
        {
            Advance(currentBucket);
            var history = new double[MetricsCollector.Buckets];
            for (var i = 0; i < history.Length; i++)
            {
                history[i] = _recent[(int)((currentBucket - history.Length + 1 + i) % MetricsCollector.Buckets)];
            }

            return new CounterView(name, unit, tags, _total, history);
        }
    }

    /// <summary>Clears the buckets between the last one written and <paramref name="bucket"/> (they had no measurements).</summary>
    private void Advance(long bucket)
    {
        if (bucket <= _lastBucket)
        {
            return;
        }

        var gap = _lastBucket == long.MinValue ? MetricsCollector.Buckets : Math.Min(bucket - _lastBucket, MetricsCollector.Buckets);
        for (var i = 0; i < gap; i++)
        {
            _recent[(int)((bucket - i) % MetricsCollector.Buckets)] = 0;
        }

        _lastBucket = bucket;
    }
}
