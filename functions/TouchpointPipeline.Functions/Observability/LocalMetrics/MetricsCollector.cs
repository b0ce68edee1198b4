using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

/// <summary>
/// Listens to the app's own meters in-process (no exporter, no Azure) and keeps totals, a short per-10-seconds history
/// of every counter and a bounded sample of every histogram, so <c>GET /api/metrics</c>, the dev host and the support
/// console's overview show the same numbers Application Insights gets. Per process: in Azure each instance has its own.
/// </summary>
internal sealed class MetricsCollector : IHostedService, IDisposable
{
    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(10);
    public const int Buckets = 90;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, CounterSeries> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HistogramSeries> _histograms = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;

    public MetricsCollector(TimeProvider time, IMeterFactory meterFactory)
    {
        _time = time;
        _startedAt = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Meters from this app's factory (several hosts in one process, as in tests, stay apart) or created
            // without one (static meters have no scope).
            var ours = instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory);
            if (ours && TelemetryNames.MeterNames.Contains(instrument.Meter.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    public MetricsSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        var bucket = BucketOf(now);
        return new MetricsSnapshot(
            _startedAt,
            now,
            (int)BucketLength.TotalSeconds,
            [.. _counters.Values.Select(c => c.View(bucket)).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => TagText(c.Tags), StringComparer.Ordinal)],
            [.. _histograms.Values.Select(h => h.View()).OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => TagText(h.Tags), StringComparer.Ordinal)]);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            tagMap[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        var key = instrument.Name + "|" + TagText(tagMap);
        if (instrument is Histogram<double> or Histogram<long> or Histogram<int>)
        {
            _histograms.GetOrAdd(key, _ => new HistogramSeries(instrument.Name, instrument.Unit, tagMap)).Add(value);
        }
        else
        {
            _counters.GetOrAdd(key, _ => new CounterSeries(instrument.Name, instrument.Unit, tagMap)).Add(value, BucketOf(_time.GetUtcNow()));
        }
    }

    private static long BucketOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (long)BucketLength.TotalMilliseconds;

    private static string TagText(IReadOnlyDictionary<string, string> tags) =>
        string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value));
}
