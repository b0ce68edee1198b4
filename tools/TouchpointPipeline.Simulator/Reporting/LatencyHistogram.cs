namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>Latencies in 1 ms buckets up to 10 minutes (beyond: the last bucket), thread-safe; percentiles by rank.</summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 600_000;
    private readonly long[] counts = new long[Buckets + 1];
    private readonly Lock gate = new();
    private long total;
    private double max;

    public long Count
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    public void Record(TimeSpan latency, long times = 1)
    {
        var ms = Math.Max(0, latency.TotalMilliseconds);
        var bucket = (int)Math.Min(Buckets, Math.Round(ms));
        lock (gate)
        {
            counts[bucket] += times;
            total += times;
            max = Math.Max(max, ms);
        }
    }

    public LatencySummary Summarize()
    {
        lock (gate)
        {
            return total == 0
                ? new LatencySummary(0, null, null, null, null)
                : new LatencySummary(total, Percentile(0.50), Percentile(0.95), Percentile(0.99), Math.Round(max, 1));
        }
    }

    private double Percentile(double p)
    {
        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return Buckets;
    }
}
