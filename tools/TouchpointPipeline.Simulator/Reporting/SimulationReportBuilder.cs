using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Observing;

namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>
/// Builds the final report from what a run counted and observed: throughput, latencies, and per rule and overall
/// precision and recall of the alerts against the injected patterns.
/// </summary>
internal sealed class SimulationReportBuilder(
    SimulationCounters counters, GroundTruth truth, AlertLedger ledger, PipelineObserver observer, RulePatterns rules, string emitPath = SimulationReportBuilder.CollectorPath)
{
    public const string CollectorPath = "HTTP POST /api/events (collector function) -> EventHubProducerClient (AMQP) -> embedded log -> Ingest* functions";
    public const string EventHubsPath = "EventHubProducerClient (AMQP, customer key as partition key) -> embedded log -> Ingest* functions";

    /// <param name="seed">The run's seed.</param>
    /// <param name="emitTime">How long the run emitted.</param>
    /// <param name="drained">Whether everything was stored and every expected alert raised before the drain timeout.</param>
    /// <param name="quarantined">Quarantined events (null: unknown).</param>
    /// <param name="deliveredToAlert">Delivered (enqueued) to alert, sampled from the timelines.</param>
    public SimulationReport Build(int seed, TimeSpan emitTime, bool drained, long? quarantined, LatencySummary deliveredToAlert)
    {
        var seen = ledger.Snapshot();
        var injected = truth.Patterns.ToList();
        var byPair = seen.GroupBy(a => (a.Rule, a.CustomerKey)).ToList();
        var truePositives = byPair.Count(g => truth.IsInjected(g.Key));
        var falsePositives = byPair.Where(g => !truth.IsInjected(g.Key)).Select(g => new AlertFinding(g.Key.Rule, g.Key.CustomerKey)).ToList();
        var missed = injected.Where(p => !byPair.Any(g => g.Key == p)).Select(p => new AlertFinding(p.Rule, p.Customer)).OrderBy(f => f.Rule, StringComparer.Ordinal).ToList();
        var customers = counters.Customers;
        var cleanCustomers = customers - truth.InjectedCustomers;
        var cleanWithAlert = seen.Select(a => a.CustomerKey).Distinct(StringComparer.Ordinal).Count(c => !truth.IsInjectedCustomer(c));
        var ruleReports = rules.Injected.Concat(seen.Select(a => a.Rule)).Distinct(StringComparer.Ordinal).Select(rule => new RuleReport(
            rule,
            seen.Count(a => a.Rule == rule),
            byPair.Count(g => g.Key.Rule == rule && truth.IsInjected(g.Key)),
            byPair.Count(g => g.Key.Rule == rule && !truth.IsInjected(g.Key)),
            injected.Count(p => p.Rule == rule),
            injected.Count(p => p.Rule == rule && byPair.Any(g => g.Key == p)))).ToList();
        var storedSeconds = observer is { LastStoredAt: { } last, FirstEmittedAt: { } first } ? Math.Max(0.001, (last - first).TotalSeconds) : 0;
        return new SimulationReport
        {
            Seed = seed,
            EmitPath = emitPath,
            Customers = customers,
            InjectedCustomers = truth.InjectedCustomers,
            CleanCustomers = cleanCustomers,
            EventsEmitted = counters.Emitted,
            EventsAccepted = counters.Accepted,
            EventsRejected = counters.Rejected,
            FirstRejection = counters.FirstRejection,
            EventsQuarantined = quarantined,
            RequestRetries = counters.Retries,
            EmitSeconds = Math.Round(emitTime.TotalSeconds, 2),
            EmitEventsPerSecond = Math.Round(counters.Accepted / Math.Max(0.001, emitTime.TotalSeconds)),
            StoredEventsPerSecond = storedSeconds > 0 ? Math.Round(observer.Stored / storedSeconds) : 0,
            Drained = drained,
            EmitToStoredMs = observer.EmitToStored.Summarize(),
            EmitToAlertMs = ledger.EmitToAlert.Summarize(),
            DeliveredToAlertMs = deliveredToAlert,
            SweepAlertAfterEmitMs = ledger.SweepAlerts.Summarize(),
            Alerts = seen.Count,
            Rules = ruleReports,
            Precision = byPair.Count == 0 ? null : Math.Round((double)truePositives / byPair.Count, 4),
            Recall = injected.Count == 0 ? null : Math.Round((double)truePositives / injected.Count, 4),
            FalsePositiveRate = cleanCustomers <= 0 ? 0 : Math.Round((double)cleanWithAlert / cleanCustomers, 6),
            Missed = missed,
            Injected = [.. injected.Select(p => new AlertFinding(p.Rule, p.Customer)).OrderBy(f => f.CustomerKey, StringComparer.Ordinal)],
            FalsePositives = [.. falsePositives.Take(100)],
        };
    }
}
