using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Collector;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the two doors events come in by: the ingest function (host payloads, as the Functions host
/// sends them) and the collector (<c>POST /api/events</c>, its accepted events fed through the real pipeline). Seeds
/// are the schema examples and the fixtures; CsCheck generates batches and structural mutations. Properties: no answer
/// of 500, and for every batch <c>received = stored + duplicates + quarantined</c>, with stored counted in the SQLite
/// store and quarantined counted in the quarantine files. Figures go to <c>fuzz-report.txt</c> next to the tests.
/// </summary>
public sealed partial class FuzzTests
{
    /// <summary>Events per run; <c>TOUCHPOINT_FUZZ_EVENTS</c> overrides it (a quick local run, or a longer soak).</summary>
    private const int DefaultEvents = 100_000;

    private const string FuzzKey = "fuzz-key-0123456789abcdef";

    /// <summary>
    /// Percent of the events sent to the ingest functions; the rest go to the collector, whose accepted events then go
    /// through the pipeline too (about 2.4 times the cost per event), so both halves finish together.
    /// </summary>
    private const int IngestShare = 70;

    [Fact]
    public async Task IngestAndCollect_GeneratedAndMutatedEvents_No500AndEveryEventAccountedFor()
    {
        var target = int.TryParse(Environment.GetEnvironmentVariable("TOUCHPOINT_FUZZ_EVENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultEvents;
        var text = new FuzzEventText(FuzzSeeds.Load());
        var stopwatch = Stopwatch.StartNew();

        var figures = await Task.WhenAll(
            Task.Run(() => RunIngestAsync(text, target * IngestShare / 100), TestContext.Current.CancellationToken),
            Task.Run(() => RunCollectorAsync(text, target - (target * IngestShare / 100)), TestContext.Current.CancellationToken));

        stopwatch.Stop();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Fuzz run: {figures.Sum(f => f.Events)} events generated, {figures.Sum(f => f.Requests)} requests, {stopwatch.Elapsed.TotalSeconds:F1} s")
            .AppendLine(CultureInfo.InvariantCulture, $"Totals: stored {figures.Sum(f => f.Stored)}, duplicates {figures.Sum(f => f.Duplicates)}, quarantined {figures.Sum(f => f.Quarantined)}, rejected at the collector {figures.Sum(f => f.Rejected)}, answers of 500 {figures.Sum(f => f.Answers500)}, max latency {figures.Max(f => f.MaxLatency).TotalMilliseconds:F0} ms, failed checks {figures.Sum(f => f.FailureCount)}");
        foreach (var f in figures)
        {
            report.AppendLine(f.Summary);
            foreach (var failure in f.Failures)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  FAILED {failure}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), report.ToString(), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(report.ToString());
        Assert.True(figures.Sum(f => f.Events) >= target, report.ToString());
        Assert.All(figures, f => Assert.True(f.FailureCount == 0, report.ToString()));
    }

    private static async Task<FuzzFigures> RunIngestAsync(FuzzEventText text, int target)
    {
        var figures = new FuzzFigures("ingest (POST /IngestClickstream, /IngestCalls, /IngestChats)");
        await using var app = new PipelineAppFactory(settings: FastSettings());
        var functions = new[] { "IngestClickstream", "IngestCalls", "IngestChats" };
        var sequence = 1L;
        var batchNumber = 0;
        while (figures.Events < target)
        {
            foreach (var batch in FuzzGenerators.Sample(FuzzGenerators.Batches(wholeBodyBreaking: true), 50))
            {
                batchNumber++;
                var bodies = new List<string>(batch.Events.Count);
                foreach (var e in batch.Events)
                {
                    bodies.Add(text.Build(e, $"fi-{batchNumber}-{bodies.Count}", $"cust-{bodies.Count % batch.Customers}", EventHubPayloads.DefaultEnqueued.AddSeconds(-5), bodies));
                }

                var first = sequence;
                sequence += bodies.Count;
                var function = functions[batchNumber % functions.Length];
                figures.Events += bodies.Count;
                await IngestOnceAsync(app, figures, function, bodies, first, redelivery: false);
                if (batch.Redeliver)
                {
                    await IngestOnceAsync(app, figures, function, bodies, first, redelivery: true);
                }
            }
        }

        if (app.ParkedFiles().Count > 0)
        {
            figures.Fail($"{app.ParkedFiles().Count} batches were parked; a poison event escaped per-event handling");
        }

        return figures;
    }

    private static async Task IngestOnceAsync(PipelineAppFactory app, FuzzFigures figures, string function, List<string> bodies, long first, bool redelivery)
    {
        var payload = EventHubPayloads.EventHubBatch(bodies, firstSequenceNumber: first, retry: (redelivery ? 1 : 0, -1), functionName: function);
        var storedBefore = CountStored(app);
        var quarantinedBefore = CountQuarantineLines(app, first, bodies.Count);
        var watch = Stopwatch.StartNew();
        using var response = await app.InvokeAsync(function, payload);
        figures.Observe(watch.Elapsed);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var where = $"{function} batch s{first} ({bodies.Count} events{(redelivery ? ", redelivered" : string.Empty)})";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            figures.Answers500 += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
            figures.Fail($"{where}: answered {(int)response.StatusCode}: {Shorten(answer)}");
            return;
        }

        var log = JsonDocument.Parse(answer).RootElement.GetProperty("Logs")[0].GetString() ?? string.Empty;
        var match = SummaryPattern().Match(log);
        if (!match.Success)
        {
            figures.Fail($"{where}: no summary in '{Shorten(log)}'");
            return;
        }

        var (received, stored, duplicates, quarantined) = (Number(match, 1), Number(match, 2), Number(match, 3), Number(match, 4));
        var storedInStore = CountStored(app) - storedBefore;
        var quarantineLines = CountQuarantineLines(app, first, bodies.Count);
        if (received != bodies.Count || storedInStore != stored || quarantineLines != quarantined
            || received != storedInStore + duplicates + quarantineLines
            || (redelivery && (storedInStore != 0 || quarantineLines != quarantinedBefore)))
        {
            figures.Fail($"{where}: answered '{log}', store has {storedInStore} new items and {quarantineLines} quarantine lines");
        }

        figures.Stored += storedInStore;
        figures.Duplicates += duplicates;
        figures.Quarantined += redelivery ? 0 : quarantineLines;
    }

    private static async Task<FuzzFigures> RunCollectorAsync(FuzzEventText text, int target)
    {
        var figures = new FuzzFigures("collector (POST /api/events, accepted events ingested)");
        var settings = CollectorApp.Settings(tokenLimit: 1_000_000);
        foreach (var (key, value) in FastSettings())
        {
            settings[key] = value;
        }

        settings["Collector:WriteKeys:fuzz:Key"] = FuzzKey;
        settings["Collector:WriteKeys:fuzz:Kind"] = "Server";
        settings["Collector:WriteKeys:fuzz:Sources:0"] = "web/shop";
        settings["Collector:WriteKeys:fuzz:Sources:1"] = "app/ios";
        settings["Collector:WriteKeys:fuzz:Sources:2"] = "cc/genesys";
        settings["Collector:WriteKeys:fuzz:Sources:3"] = "web/chat";
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher, FuzzIngestingPublisher>(), settings);
        var publisher = (FuzzIngestingPublisher)app.Services.GetRequiredService<IEventPublisher>();
        var batchNumber = 0;
        while (figures.Events < target)
        {
            foreach (var batch in FuzzGenerators.Sample(FuzzGenerators.Batches(wholeBodyBreaking: false), 50))
            {
                batchNumber++;
                var bodies = new List<string>(batch.Events.Count);
                foreach (var e in batch.Events)
                {
                    bodies.Add(text.Build(e, $"fc-{batchNumber}-{bodies.Count}", $"cust-{bodies.Count % batch.Customers}", DateTime.UtcNow.AddSeconds(-2), bodies));
                }

                figures.Events += bodies.Count;
                await CollectOnceAsync(app, publisher, figures, bodies, $"collector request {batchNumber}");
                if (batch.Redeliver)
                {
                    await CollectOnceAsync(app, publisher, figures, bodies, $"collector request {batchNumber} (sent again)");
                }
            }
        }

        return figures;
    }

    private static async Task CollectOnceAsync(PipelineAppFactory app, FuzzIngestingPublisher publisher, FuzzFigures figures, List<string> bodies, string where)
    {
        publisher.Results.Clear();
        var storedBefore = CountStored(app);
        var watch = Stopwatch.StartNew();
        using var response = await CollectorApp.PostAsync(app, "{\"events\":[" + string.Join(",", bodies) + "]}", key: FuzzKey);
        figures.Observe(watch.Elapsed);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge))
        {
            figures.Answers500 += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
            figures.Fail($"{where}: answered {(int)response.StatusCode}: {Shorten(answer)}");
            return;
        }

        var json = JsonDocument.Parse(answer).RootElement;
        if (!json.TryGetProperty("results", out var results))
        {
            figures.RequestsRefusedWhole++;
            var key = $"{(int)response.StatusCode} {Shorten(json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty, 60)}";
            figures.RefusedWhole[key] = figures.RefusedWhole.GetValueOrDefault(key) + 1;
            return;
        }

        var accepted = json.GetProperty("accepted").GetInt32();
        var rejected = json.GetProperty("rejected").GetInt32();
        var ingested = publisher.Results.ToList();
        var storedInStore = CountStored(app) - storedBefore;
        var received = ingested.Sum(r => r.Received);
        var stored = ingested.Sum(r => r.Stored);
        var duplicates = ingested.Sum(r => r.Duplicates);
        var quarantined = ingested.Sum(r => r.Quarantined);
        if (results.GetArrayLength() != bodies.Count || accepted + rejected != bodies.Count || received != accepted
            || quarantined != 0 || storedInStore != stored || received != storedInStore + duplicates + quarantined)
        {
            figures.Fail($"{where}: {bodies.Count} sent, {accepted} accepted, {rejected} rejected; ingest received {received}, stored {stored} ({storedInStore} in the store), {duplicates} duplicates, {quarantined} quarantined");
        }

        figures.Stored += storedInStore;
        figures.Duplicates += duplicates;
        figures.Rejected += rejected;
    }

    // A log line per request and batch would cost more than the requests themselves (failures are reported anyway);
    // detection of a batch's customers concurrently, as the dev host runs it, so their writes share commits.
    private static Dictionary<string, string?> FastSettings() => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Detection:MaxConcurrency"] = "64",
    };

    private static long CountStored(PipelineAppFactory app)
    {
        var path = Path.Combine(app.DataPath, "touchpoints.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM timeline";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Lines in the batch's quarantine file (its name is the batch id: hub, partition and sequence range).</summary>
    private static long CountQuarantineLines(PipelineAppFactory app, long first, int count)
    {
        var folder = Path.Combine(app.DataPath, "quarantine");
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"clickstream-p3-s{first}-{first + count - 1}.jsonl");
        return Directory.GetFiles(folder, name, SearchOption.AllDirectories)
            .Sum(f => File.ReadLines(f).LongCount(line => line.Length > 0));
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex(@"(\d+) received, (\d+) stored, (\d+) duplicates, (\d+) quarantined")]
    private static partial Regex SummaryPattern();
}
