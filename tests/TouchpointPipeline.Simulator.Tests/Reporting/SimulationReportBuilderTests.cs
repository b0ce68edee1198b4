using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Observing;
using TouchpointPipeline.Simulator.Reporting;
using TouchpointPipeline.Simulator.Tests.Infrastructure;

namespace TouchpointPipeline.Simulator.Tests.Reporting;

public sealed class SimulationReportBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_OneHitOneMissOneFalsePositive_GivesPrecisionRecallAndFindings()
    {
        var rules = new RulePatterns([PainPatterns.RageClick, PainPatterns.LongHold], absenceRuleIds: []);
        var truth = new GroundTruth();
        truth.Add(new Journey("sim1-c1", PainPatterns.RageClick, []));
        truth.Add(new Journey("sim1-c2", PainPatterns.LongHold, []));
        truth.Add(new Journey("sim1-c3", null, []));
        var counters = new SimulationCounters();
        var ledger = new AlertLedger("sim1-", truth, rules);
        ledger.Record(Alert("a1", PainPatterns.RageClick, "sim1-c1"));
        ledger.Record(Alert("a2", PainPatterns.RageClick, "sim1-c3"));
        var observer = new PipelineObserver(new FakeSimulationTarget(), "alerts", new FakeTimeProvider(Now));
        var builder = new SimulationReportBuilder(counters, truth, ledger, observer, rules);

        var report = builder.Build(1, TimeSpan.FromSeconds(2), drained: false, quarantined: 0, new LatencySummary(0, null, null, null, null));

        Assert.Equal(0.5, report.Precision);
        Assert.Equal(0.5, report.Recall);
        Assert.Equal([new AlertFinding(PainPatterns.LongHold, "sim1-c2")], report.Missed);
        Assert.Equal([new AlertFinding(PainPatterns.RageClick, "sim1-c3")], report.FalsePositives);
        Assert.Equal([PainPatterns.RageClick, PainPatterns.LongHold], report.Rules.Select(r => r.Rule));
        Assert.Equal(new RuleReport(PainPatterns.RageClick, Alerts: 2, TruePositives: 1, FalsePositives: 1, Injected: 1, Detected: 1), report.Rules[0]);
    }

    private static ObservedAlert Alert(string id, string rule, string customer) => new(id, rule, "high", customer, id + "-event", Now, Now);
}
