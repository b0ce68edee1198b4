using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Tests.Reporting;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Summarize_OneToHundredMilliseconds_GivesRankPercentiles()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = histogram.Summarize();

        Assert.Equal(new LatencySummary(100, 50, 95, 99, 100), summary);
    }

    [Fact]
    public void Record_WeightedBatch_CountsEveryEvent()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(10), times: 99);
        histogram.Record(TimeSpan.FromSeconds(2));

        var summary = histogram.Summarize();

        Assert.Equal((100L, 10d, 10d, 10d, 2000d), (summary.Count, summary.P50!.Value, summary.P95!.Value, summary.P99!.Value, summary.Max!.Value));
    }

    [Fact]
    public void Summarize_Empty_HasNoPercentiles()
    {
        Assert.Equal(new LatencySummary(0, null, null, null, null), new LatencyHistogram().Summarize());
    }
}
