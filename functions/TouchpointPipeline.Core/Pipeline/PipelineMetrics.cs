using System.Diagnostics.Metrics;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>
/// Aggregate counters instead of a log line per event: at a few thousand events per second a line each would cost
/// more in Log Analytics than the whole pipeline. Plain <see cref="System.Diagnostics.Metrics"/> so Core needs no
/// OpenTelemetry package; the function app exports the meter to Application Insights and serves a local snapshot
/// (docs/operations.md lists every instrument).
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "TouchpointPipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _parked;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _alertsRaised;
    private readonly Histogram<double> _alertLatency;
    private readonly Counter<long> _alertsDelivered;
    private readonly Counter<long> _alertDeliveryFailures;
    private readonly Counter<long> _collected;
    private readonly Counter<long> _identityNotVerified;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("touchpoint.events.received", "{event}", "Events delivered to an ingest function.");
        _stored = _meter.CreateCounter<long>("touchpoint.events.stored", "{event}", "Events newly written to a timeline.");
        _duplicates = _meter.CreateCounter<long>("touchpoint.events.duplicates", "{event}", "Redelivered or repeated events that changed nothing.");
        _quarantined = _meter.CreateCounter<long>("touchpoint.events.quarantined", "{event}", "Events quarantined, by reason.");
        _parked = _meter.CreateCounter<long>("touchpoint.batches.parked", "{batch}", "Batches parked for replay after every retry failed.");
        _batchDuration = _meter.CreateHistogram<double>("touchpoint.batch.duration", "s", "Time to process one ingest invocation's batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _alertsRaised = _meter.CreateCounter<long>("touchpoint.alerts.raised", "{alert}", "New alerts, by rule.");
        _alertLatency = _meter.CreateHistogram<double>("touchpoint.alert.latency", "s",
            "From the incident event's delivery to the pipeline (its enqueued time) to the alert's creation; streaming alerts whose incident event is in the raising batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _alertsDelivered = _meter.CreateCounter<long>("touchpoint.alerts.delivered", "{alert}", "Alerts handed to a target (the alerts hub output or the webhook), by rule.");
        _alertDeliveryFailures = _meter.CreateCounter<long>("touchpoint.alerts.delivery_failures", "{alert}", "Alerts the webhook sender gave up on after its retries.");
        _collected = _meter.CreateCounter<long>("touchpoint.collector.events", "{event}", "Events judged by the collector, by write key and outcome (accepted, rejected).");
        _identityNotVerified = _meter.CreateCounter<long>("touchpoint.collector.identity_not_verified", "{event}", "customer.identified events the collector rejected for a missing or wrong userhash, by write key.");
    }

    public void Record(string hub, IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tag = new KeyValuePair<string, object?>("hub", hub);
        _received.Add(result.Received, tag);
        _stored.Add(result.Stored, tag);
        _duplicates.Add(result.Duplicates, tag);
        foreach (var (reason, count) in result.QuarantinedByReason)
        {
            _quarantined.Add(count, tag, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void RecordParked(string functionName) =>
        _parked.Add(1, new KeyValuePair<string, object?>("function", functionName));

    public void RecordBatchDuration(string functionName, string hub, TimeSpan elapsed) =>
        _batchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("function", functionName), new KeyValuePair<string, object?>("hub", hub));

    /// <summary>
    /// Counts the alerts a streaming evaluation created (<see cref="Alert.CreatedAt"/> at or after
    /// <paramref name="batchStarted"/>; the others are a failed attempt's alerts published again on a retry) and
    /// records each one's latency from its incident event's delivery (<see cref="TimelineItem.ReceivedAt"/>).
    /// </summary>
    public void RecordStreamingAlerts(IReadOnlyList<Alert> alerts, IReadOnlyList<TimelineItem> items, DateTimeOffset batchStarted)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(items);
        if (alerts.Count == 0)
        {
            return;
        }

        var delivered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            delivered.TryAdd(item.Id, item.ReceivedAt);
        }

        foreach (var alert in alerts.Where(a => a.CreatedAt >= batchStarted))
        {
            var rule = new KeyValuePair<string, object?>("rule", alert.RuleId);
            _alertsRaised.Add(1, rule, new KeyValuePair<string, object?>("source", "stream"));
            if (delivered.TryGetValue(alert.IncidentEventId, out var at))
            {
                _alertLatency.Record(Math.Max(0, (alert.CreatedAt - at).TotalSeconds), rule);
            }
        }
    }

    /// <summary>Counts the absence alerts a sweep raised (their latency is the rule's window by design, so none is recorded).</summary>
    public void RecordSweepAlerts(IEnumerable<Alert> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        foreach (var alert in raised)
        {
            _alertsRaised.Add(1, new KeyValuePair<string, object?>("rule", alert.RuleId), new KeyValuePair<string, object?>("source", "sweep"));
        }
    }

    public void RecordDelivered(IEnumerable<Alert> alerts, string target)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            _alertsDelivered.Add(1, new KeyValuePair<string, object?>("rule", alert.RuleId), new KeyValuePair<string, object?>("target", target));
        }
    }

    public void RecordDeliveryFailure(Alert alert, string target)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alertDeliveryFailures.Add(1, new KeyValuePair<string, object?>("rule", alert.RuleId), new KeyValuePair<string, object?>("target", target));
    }

    public void RecordCollected(string writeKey, int accepted, int rejected)
    {
        var key = new KeyValuePair<string, object?>("key", writeKey);
        _collected.Add(accepted, key, new KeyValuePair<string, object?>("outcome", "accepted"));
        _collected.Add(rejected, key, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    public void RecordIdentityNotVerified(string writeKey) =>
        _identityNotVerified.Add(1, new KeyValuePair<string, object?>("key", writeKey));

    public void Dispose() => _meter.Dispose();
}
