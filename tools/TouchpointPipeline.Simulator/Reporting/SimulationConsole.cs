using System.Globalization;
using TouchpointPipeline.Simulator.Observing;

namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>What the simulator prints while it runs: the start, each alert, progress lines and the final report (all prefixed <c>[sim]</c>).</summary>
internal sealed class SimulationConsole(TextWriter output, TextWriter error)
{
    public void Started(int seed, SimulationOptions o, string destination, Uri api)
    {
        var baseUrl = api.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[sim] seed {seed}: {(o.Rate == 0 ? "as fast as possible" : $"{o.Rate} events/s")}, {o.Senders} parallel batches of up to {o.BatchSize} to {destination}; {o.PainShare:P0} of customers get a pain pattern."));
        output.WriteLine($"[sim] console: {baseUrl}console   alerts: {baseUrl}alerts   timeline: {baseUrl}customers/<customer>/timeline");
    }

    public void RulesWithoutPattern(IReadOnlyList<string> rules) =>
        output.WriteLine($"[sim] no journey pattern for the rule(s) {string.Join(", ", rules)}: none is injected, so their alerts count as false positives.");

    public void Alert(ObservedAlert alert, AlertVerdict verdict) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[sim] ALERT {alert.Severity,-6} {alert.Rule,-30} customer {alert.CustomerKey}  {(verdict.Injected ? "injected" : "NOT INJECTED (false positive)")}{(verdict.Latency is { } x ? $", raised {x.TotalMilliseconds:0} ms after the event was sent" : string.Empty)}"));

    public void Progress(TimeSpan elapsed, SimulationCounters counters, PipelineObserver observer, int alerts, int patternsInjected)
    {
        var sent = counters.Accepted;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[sim] {elapsed:mm\\:ss}  customers {counters.Customers:N0}  events accepted {sent:N0} ({sent / Math.Max(0.001, elapsed.TotalSeconds):N0}/s)  stored {observer.Stored:N0}  emit->stored {observer.EmitToStored.Summarize()}  alerts {alerts} (patterns injected {patternsInjected})  rejected {counters.Rejected}"));
    }

    public void DrainTimeout(TimeSpan timeout, long stored, long accepted) =>
        output.WriteLine($"[sim] drain timeout ({timeout}): stored {stored:N0} of {accepted:N0}; reporting what was seen.");

    public void Report(SimulationReport r)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] ===== report (seed {r.Seed}) ====="));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] customers {r.Customers:N0} ({r.InjectedCustomers:N0} with an injected pattern); events sent {r.EventsEmitted:N0}, accepted {r.EventsAccepted:N0}, rejected {r.EventsRejected:N0}{(r.FirstRejection is { } f ? $" (first: {f})" : string.Empty)}, quarantined {(r.EventsQuarantined?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] throughput: {r.EmitEventsPerSecond:N0} events/s accepted by the collector over {r.EmitSeconds:0.0} s; {r.StoredEventsPerSecond:N0} events/s stored end to end{(r.Drained ? string.Empty : " (NOT fully drained)")}"));
        output.WriteLine($"[sim] emit -> stored: {r.EmitToStoredMs}");
        output.WriteLine($"[sim] emit -> alert raised: {r.EmitToAlertMs}; delivered (enqueued) -> alert raised: {r.DeliveredToAlertMs}");
        output.WriteLine($"[sim] absence alerts (raised by the sweep after the window): emit -> alert {r.SweepAlertAfterEmitMs}");
        foreach (var rule in r.Rules)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim]   {rule.Rule,-30} alerts {rule.Alerts,5}  injected {rule.Injected,5}  detected {rule.Detected,5}  false positives {rule.FalsePositives,4}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] precision {r.Precision:0.####}, recall {r.Recall:0.####}, clean customers with an alert {r.FalsePositiveRate:P2}; missed {r.Missed.Count}, false positives {r.FalsePositives.Count}"));
    }

    public void ReportWritten(string path) => output.WriteLine($"[sim] report written to {Path.GetFullPath(path)}");

    public Task StoppedAsync(string reason) => error.WriteLineAsync($"[sim] stopped: {reason}");
}
