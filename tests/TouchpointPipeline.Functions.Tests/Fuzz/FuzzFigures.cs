using System.Globalization;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>What one fuzz run did, and every broken expectation (the first few kept in full).</summary>
internal sealed class FuzzFigures(string name)
{
    private const int KeptFailures = 20;

    public string Name { get; } = name;

    public long Events { get; set; }

    public long Requests { get; set; }

    public long Stored { get; set; }

    public long Duplicates { get; set; }

    public long Quarantined { get; set; }

    public long Rejected { get; set; }

    public long RequestsRefusedWhole { get; set; }

    public long Answers500 { get; set; }

    public TimeSpan MaxLatency { get; set; }

    /// <summary>Time spent in requests (the rest of a run is generating and checking).</summary>
    public TimeSpan RequestTime { get; set; }

    /// <summary>Requests refused as a whole, by status and title: what the generated bodies broke.</summary>
    public Dictionary<string, int> RefusedWhole { get; } = new(StringComparer.Ordinal);

    public long FailureCount { get; private set; }

    public List<string> Failures { get; } = [];

    public void Fail(string failure)
    {
        FailureCount++;
        if (Failures.Count < KeptFailures)
        {
            Failures.Add(failure);
        }
    }

    public void Observe(TimeSpan latency)
    {
        Requests++;
        RequestTime += latency;
        if (latency > MaxLatency)
        {
            MaxLatency = latency;
        }
    }

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Events} events in {Requests} requests; stored {Stored}, duplicates {Duplicates}, quarantined {Quarantined}, rejected at the edge {Rejected}, requests refused whole (400/413) {RequestsRefusedWhole}; answers of 500: {Answers500}; max latency {MaxLatency.TotalMilliseconds:F0} ms; time in requests {RequestTime.TotalSeconds:F1} s; failed checks {FailureCount}")
        + (RefusedWhole.Count == 0 ? string.Empty : "; refused whole: " + string.Join(", ", RefusedWhole.OrderByDescending(r => r.Value).Select(r => $"{r.Key} x{r.Value}")));
}
