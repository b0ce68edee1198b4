using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using TouchpointPipeline.Core;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Cosmos;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Benchmarks.CosmosSimulation;

/// <summary>
/// The Azure path, simulated: the real ingest pipeline (<see cref="IngestPipeline"/>) with the real Cosmos DB adapters
/// (<see cref="CosmosServiceCollectionExtensions.AddCosmosStores"/>) over <see cref="SimulatedContainer"/>s, one
/// partition's batches processed one after another as the Event Hubs trigger does. Reports events/s, round trips per
/// batch, RU per new event, per duplicate and per "last 50" read, and the serverless cost per million events.
/// <c>cosmos-sim [--events 3000] [--batch 100] [--latency 5] [--query-latency 10] [--ru-per-second 0 (unlimited)]
/// [--detection-concurrency 8]</c>
/// </summary>
internal static class CosmosPathSimulation
{
    /// <summary>Serverless list price, $ per million RU (East US; verify on the pricing page).</summary>
    private const double ServerlessDollarsPerMillionRu = 0.25;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = Option(args, "--events", 3000);
        var batchSize = Option(args, "--batch", 100);
        var latency = new SimulatedLatency(Option(args, "--latency", 5.0), Option(args, "--query-latency", 10.0), Option(args, "--ru-per-second", 0.0), TimeProvider.System);
        var ledger = new SimulationLedger();
        var options = new CosmosStorageOptions();
        var containers = new Dictionary<string, SimulatedContainer>(StringComparer.Ordinal)
        {
            [options.TimelineContainerName] = new(options.TimelineContainerName, CosmosContainerDefinitions.TimelineIncludedPaths, latency, ledger),
            [options.IdentitiesContainerName] = new(options.IdentitiesContainerName, ["/customerKey/?", "/type/?"], latency, ledger),
            [options.AlertsContainerName] = new(options.AlertsContainerName, CosmosContainerDefinitions.AlertsIncludedPaths, latency, ledger),
            [options.StateContainerName] = new(options.StateContainerName, CosmosContainerDefinitions.StateIncludedPaths, latency, ledger),
        };
        var client = Substitute.For<CosmosClient>();
        foreach (var (name, container) in containers)
        {
            client.GetContainer(Arg.Any<string>(), name).Returns(container.Container);
        }

        var folder = Directory.CreateTempSubdirectory("tp-cosmos-sim-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = folder,
            ["Cosmos:AccountEndpoint"] = "https://simulated.documents.azure.com:443/",
            ["Enrichment:Pii:Salt"] = "simulation-salt-0123456789abcdef",
            ["Detection:RulesPath"] = Path.Combine(AppContext.BaseDirectory, "rules"),
            ["Detection:MaxConcurrency"] = Option(args, "--detection-concurrency", 8).ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddMetrics()
            .AddSingleton(client);
        services.AddTouchpointPipeline().AddCosmosStores().AddDeadLetterStores(configuration);
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IngestPipeline>();
        using var charges = new ChargeListener();

        var now = DateTime.UtcNow;
        var batches = DevHostLoad.Generate("sim", events, Math.Max(1, events / 5), now)
            .GroupBy(m => m.Hub)
            .SelectMany(g => g.Select((m, i) => (m, i)).GroupBy(x => x.i / batchSize).Select(b => new IngestBatch("Ingest", g.Key,
                [.. b.Select(x => new RawEvent(Encoding.UTF8.GetBytes(x.m.Body), new SourcePosition(g.Key, "0", x.i.ToString(CultureInfo.InvariantCulture), x.i, now, x.m.PartitionKey)))])))
            .ToList();

        // Warm-up outside the figures: JIT, rules, first allocations.
        await pipeline.ProcessAsync(batches[0], CancellationToken.None);
        var fresh = batches.Skip(1).ToList();
        var freshEvents = fresh.Sum(b => b.Events.Count);

        var (newRun, stored) = await RunAsync(pipeline, fresh, ledger, charges);
        var (duplicateRun, _) = await RunAsync(pipeline, fresh, ledger, charges);
        var duplicates = freshEvents;
        var lastFifty = await LastFiftyAsync(provider.GetRequiredService<ITimelineStore>(), ledger);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cosmos path simulation: {freshEvents} events in {fresh.Count} batches of ≤ {batchSize}, one partition; point ops {latency.PointMedianMs} ms p50 / {latency.PointMedianMs * 4} ms p99, queries {latency.QueryMedianMs} ms p50; RU budget {(latency.RuPerSecond > 0 ? latency.RuPerSecond.ToString("F0", CultureInfo.InvariantCulture) + " RU/s" : "unlimited")}"));
        Report("new events", newRun, stored, fresh.Count);
        Report("duplicates", duplicateRun, duplicates, fresh.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last 50 timeline read: {lastFifty.Ledger.RequestUnits / LastFiftyReads:F2} RU, {(double)lastFifty.Ledger.RoundTrips / LastFiftyReads:F1} round trips, {lastFifty.Wall.TotalMilliseconds / LastFiftyReads:F1} ms"));
        var ruPerNew = newRun.Ledger.RequestUnits / stored;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serverless cost per million new events: ${ruPerNew * ServerlessDollarsPerMillionRu:F2} (RU only, at ${ServerlessDollarsPerMillionRu} per million RU); per million duplicates: ${duplicateRun.Ledger.RequestUnits / Math.Max(1, duplicates) * ServerlessDollarsPerMillionRu:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"metric touchpoint.cosmos.request_charge over the run: {charges.Total:F1} RU (simulated service: {ledger.Take().RequestUnits:F1} RU)"));
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private const int LastFiftyReads = 20;

    private static async Task<(Run Run, int Count)> RunAsync(IngestPipeline pipeline, List<IngestBatch> batches, SimulationLedger ledger, ChargeListener charges)
    {
        var before = ledger.Take();
        var chargedBefore = charges.Total;
        var perBatch = new List<double>(batches.Count);
        var stored = 0;
        var wall = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await pipeline.ProcessAsync(batch, CancellationToken.None);
            perBatch.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            stored += result.Stored;
        }

        var run = new Run(wall.Elapsed, ledger.Take().Since(before), charges.Total - chargedBefore, perBatch, batches.Sum(b => b.Events.Count));
        return (run, stored);
    }

    private static async Task<(TimeSpan Wall, SimulationLedger.Snapshot Ledger)> LastFiftyAsync(ITimelineStore store, SimulationLedger ledger)
    {
        // One customer with 60 stored items of the usual shape.
        var template = new TimelineItem
        {
            Id = "x", CustomerKey = "cust-last50", Type = "element.clicked", Channel = Channel.Web, Source = "web/shop",
            Time = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow, CustomerId = "cust-last50", SessionId = "s-1",
            Data = """{"selector":"#btn-3","x":120,"y":48,"url":"https://shop.example/checkout","text":"Pay now"}"""u8.ToArray(),
            Position = new SourcePosition("clickstream", "0", "1", 1, DateTimeOffset.UtcNow, "cust-last50"),
        };
        await store.AppendAsync([.. Enumerable.Range(0, 60).Select(i => template with
        {
            Id = $"last50-{i}", Time = template.Time.AddSeconds(i),
        })], CancellationToken.None);
        var before = ledger.Take();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < LastFiftyReads; i++)
        {
            var page = await store.GetPageAsync("cust-last50", new TimelineQuery(50, null), CancellationToken.None);
            if (page.Items.Count != 50)
            {
                throw new InvalidOperationException($"The last-50 read returned {page.Items.Count} items.");
            }
        }

        return (wall.Elapsed, ledger.Take().Since(before));
    }

    private static void Report(string what, Run run, int count, int batches)
    {
        var sorted = run.PerBatchMs.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {run.Events / run.Wall.TotalSeconds:F0} events/s per partition; batch {sorted[sorted.Count / 2]:F0} ms p50 / {sorted[(int)(sorted.Count * 0.99)]:F0} ms p99; {(double)run.Ledger.RoundTrips / batches * 100 / (run.Events / (double)batches):F0} round trips per 100 events; {run.Ledger.RequestUnits / count:F2} RU per event ({count} events; {run.Ledger.Throttled} throttled)"));
        foreach (var ((container, operation), (trips, ru, throttled)) in run.Ledger.Entries.Where(e => e.Value.RoundTrips > 0).OrderBy(e => e.Key.Container, StringComparer.Ordinal).ThenBy(e => e.Key.Operation, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {container,-10} {operation,-11} {(double)trips / batches,7:F1} round trips/batch {ru / count,7:F2} RU/event{(throttled > 0 ? $" ({throttled} throttled)" : string.Empty)}"));
        }
    }

    private static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? T.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Run(TimeSpan Wall, SimulationLedger.Snapshot Ledger, double MetricRu, List<double> PerBatchMs, int Events);

    /// <summary>Sums the adapters' <c>touchpoint.cosmos.request_charge</c>, as a metrics exporter would on a real account.</summary>
    private sealed class ChargeListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private double _total;

        public ChargeListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CosmosMetrics.MeterName && instrument.Name == "touchpoint.cosmos.request_charge")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_listener)
                {
                    _total += value;
                }
            });
            _listener.Start();
        }

        public double Total
        {
            get
            {
                lock (_listener)
                {
                    return _total;
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
