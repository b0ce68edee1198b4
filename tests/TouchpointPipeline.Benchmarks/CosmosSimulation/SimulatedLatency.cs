namespace TouchpointPipeline.Benchmarks.CosmosSimulation;

/// <summary>
/// Log-normal round-trip times with p99 = 4 × p50 (point operations 5 ms p50 / 20 ms p99, queries 10 ms / 40 ms by
/// default), and a request-unit budget per second: a request that would overdraw it is answered 429 with the time until
/// the budget allows it as retry-after (a throttled request is not charged).
/// </summary>
internal sealed class SimulatedLatency
{
    // p99 / p50 = exp(2.326 σ) = 4.
    private static readonly double Sigma = Math.Log(4) / 2.326;
    private readonly Lock _budgetLock = new();
    private readonly double _pointMedianMs;
    private readonly double _queryMedianMs;
    private readonly double _ruPerSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public SimulatedLatency(double pointMedianMs, double queryMedianMs, double ruPerSecond, TimeProvider time)
    {
        _pointMedianMs = pointMedianMs;
        _queryMedianMs = queryMedianMs;
        _ruPerSecond = ruPerSecond;
        _time = time;
        _tokens = ruPerSecond;
        _lastRefill = time.GetTimestamp();
    }

    public double PointMedianMs => _pointMedianMs;

    public double QueryMedianMs => _queryMedianMs;

    public double RuPerSecond => _ruPerSecond;

    public Task DelayAsync(bool query, CancellationToken cancellationToken)
    {
        var median = query ? _queryMedianMs : _pointMedianMs;
        if (median <= 0)
        {
            return Task.CompletedTask;
        }

        // Box-Muller: one standard normal draw.
        var u1 = 1.0 - Random.Shared.NextDouble();
        var u2 = Random.Shared.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Task.Delay(TimeSpan.FromMilliseconds(median * Math.Exp(Sigma * z)), _time, cancellationToken);
    }

    /// <summary>Takes <paramref name="charge"/> RU from the budget, or returns how long to wait (a 429).</summary>
    public TimeSpan? TryCharge(double charge)
    {
        if (double.IsPositiveInfinity(_ruPerSecond) || _ruPerSecond <= 0)
        {
            return null;
        }

        lock (_budgetLock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_ruPerSecond, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _ruPerSecond));
            _lastRefill = now;
            if (_tokens >= charge)
            {
                _tokens -= charge;
                return null;
            }

            return TimeSpan.FromSeconds((charge - _tokens) / _ruPerSecond);
        }
    }
}
