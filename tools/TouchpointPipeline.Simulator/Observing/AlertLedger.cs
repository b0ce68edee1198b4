using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Observing;

/// <summary>
/// The alerts a run has seen, each judged against the <see cref="GroundTruth"/>: injected or not, and how long after
/// its triggering event was sent it was raised (absence rules, raised by the sweep, are measured apart).
/// </summary>
internal sealed class AlertLedger(string runTag, GroundTruth truth, RulePatterns rules)
{
    private readonly List<ObservedAlert> _alerts = [];

    /// <summary>Emit to alert for alerts raised by their triggering event.</summary>
    public LatencyHistogram EmitToAlert { get; } = new();

    /// <summary>Emit to alert for absence alerts, raised by the sweep after the rule's window.</summary>
    public LatencyHistogram SweepAlerts { get; } = new();

    public int Count
    {
        get
        {
            lock (_alerts)
            {
                return _alerts.Count;
            }
        }
    }

    /// <summary>Records an alert of this run; null for another run's customer (a pending check from an earlier run on the same data folder).</summary>
    public AlertVerdict? Record(ObservedAlert alert)
    {
        if (!alert.CustomerKey.StartsWith(runTag, StringComparison.Ordinal))
        {
            return null;
        }

        int count;
        lock (_alerts)
        {
            _alerts.Add(alert);
            count = _alerts.Count;
        }

        var injected = truth.IsInjected((alert.Rule, alert.CustomerKey));
        TimeSpan? latency = truth.SentAt(alert.IncidentEventId) is { } sentAt ? alert.CreatedAt - sentAt : null;
        if (latency is { } l)
        {
            (rules.IsSweepRaised(alert.Rule) ? SweepAlerts : EmitToAlert).Record(l);
        }

        return new AlertVerdict(injected, latency, count);
    }

    /// <summary>True once an alert of <paramref name="pattern"/>'s rule was raised for its customer.</summary>
    public bool Found((string Rule, string Customer) pattern)
    {
        lock (_alerts)
        {
            return _alerts.Any(a => a.Rule == pattern.Rule && a.CustomerKey == pattern.Customer);
        }
    }

    public IReadOnlyList<ObservedAlert> Snapshot()
    {
        lock (_alerts)
        {
            return [.. _alerts];
        }
    }
}
