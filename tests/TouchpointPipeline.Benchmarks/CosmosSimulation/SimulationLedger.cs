using System.Collections.Concurrent;

namespace TouchpointPipeline.Benchmarks.CosmosSimulation;

/// <summary>Round trips, request units and throttles per (container, operation), as the simulated service saw them.</summary>
internal sealed class SimulationLedger
{
    private readonly ConcurrentDictionary<(string Container, string Operation), Entry> _entries = new();

    public void Add(string container, string operation, double requestUnits, bool throttled = false)
    {
        var entry = _entries.GetOrAdd((container, operation), static _ => new Entry());
        lock (entry)
        {
            entry.RoundTrips++;
            entry.RequestUnits += requestUnits;
            entry.Throttled += throttled ? 1 : 0;
        }
    }

    public Snapshot Take() => new(_entries.ToDictionary(e => e.Key, e => (e.Value.RoundTrips, e.Value.RequestUnits, e.Value.Throttled)));

    internal sealed record Snapshot(IReadOnlyDictionary<(string Container, string Operation), (long RoundTrips, double RequestUnits, long Throttled)> Entries)
    {
        public long RoundTrips => Entries.Values.Sum(e => e.RoundTrips);

        public double RequestUnits => Entries.Values.Sum(e => e.RequestUnits);

        public long Throttled => Entries.Values.Sum(e => e.Throttled);

        public Snapshot Since(Snapshot earlier) => new(Entries.ToDictionary(
            e => e.Key,
            e => earlier.Entries.TryGetValue(e.Key, out var before)
                ? (e.Value.RoundTrips - before.RoundTrips, e.Value.RequestUnits - before.RequestUnits, e.Value.Throttled - before.Throttled)
                : e.Value));
    }

    private sealed class Entry
    {
        public long RoundTrips;
        public double RequestUnits;
        public long Throttled;
    }
}
