namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>Latencies in 1 ms buckets up to 10 minutes (beyond: the last bucket), thread-safe; percentiles by rank.</summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 600_000;
    private readonly long[] _counts = new long[Buckets + 1];
    private readonly Lock _gate = new();
    private long _total;
    private double _max;

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Record(TimeSpan latency, long times = 1)
    {
        var ms = Math.Max(0, latency.TotalMilliseconds);
        var bucket = (int)Math.Min(Buckets, Math.Round(ms));
        lock (_gate)
        {
            _counts[bucket] += times;
            _total += times;
            _max = Math.Max(_max, ms);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            return _total == 0
                ? new LatencySummary(0, null, null, null, null)
                : new LatencySummary(_total, Percentile(0.50), Percentile(0.95), Percentile(0.99), Math.Round(_max, 1));
        }
    }

    private double Percentile(double p)
    {
        var rank = (long)Math.Ceiling(p * _total);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return Buckets;
    }
}
