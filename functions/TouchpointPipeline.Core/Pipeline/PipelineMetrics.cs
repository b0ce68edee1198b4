using System.Diagnostics.Metrics;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>
/// Aggregate counters instead of a log line per event: at a few thousand events per second a line each would cost
/// more in Log Analytics than the whole pipeline. Exported by OpenTelemetry/App Insights when configured.
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

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("touchpoint.events.received", "{event}", "Events delivered to an ingest function.");
        _stored = _meter.CreateCounter<long>("touchpoint.events.stored", "{event}", "Events newly written to a timeline.");
        _duplicates = _meter.CreateCounter<long>("touchpoint.events.duplicates", "{event}", "Redelivered or repeated events that changed nothing.");
        _quarantined = _meter.CreateCounter<long>("touchpoint.events.quarantined", "{event}", "Events quarantined, by reason.");
        _parked = _meter.CreateCounter<long>("touchpoint.batches.parked", "{batch}", "Batches parked for replay after every retry failed.");
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

    public void Dispose() => _meter.Dispose();
}
