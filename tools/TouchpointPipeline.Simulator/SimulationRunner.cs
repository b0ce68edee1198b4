using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost.EventHubs;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.Simulator;

/// <summary>
/// <c>--simulate</c>: once the dev host and the app are up, generates customer journeys, posts them to the real
/// collector in parallel batches, watches events get stored and alerts get raised, prints progress, and (for a finite
/// run) a report with throughput, latency percentiles and precision/recall against the injected patterns.
/// </summary>
internal sealed class SimulationRunner(
    IOptions<SimulationOptions> options,
    IHostApplicationLifetime lifetime,
    DevHostAddress address,
    FunctionAppManifest manifest,
    AppSettings settings,
    EmbeddedLog log,
    EventHubTriggerService eventHubs,
    TimeProvider time) : BackgroundService
{
    public const string WriteKeySetting = "Collector__WriteKeys__devhost__Key";
    private const int MaxAlertLinesPerProgress = 10;

    private readonly TaskCompletionSource<SimulationReport> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, DateTimeOffset> trackedEmits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Rule, string Customer), byte> injected = new();
    private readonly ConcurrentDictionary<string, byte> injectedCustomers = new(StringComparer.Ordinal);
    private readonly List<ObservedAlert> alerts = [];
    private readonly LatencyHistogram emitToAlert = new();
    private readonly LatencyHistogram sweepAlerts = new();
    private long customers;
    private long emitted;
    private long accepted;
    private long rejected;
    private long retries;
    private string? firstRejection;

    /// <summary>The report of a finite run (faulted when the run failed).</summary>
    public Task<SimulationReport> Completion => completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                completion.TrySetCanceled(stoppingToken);
                return;
            }
        }

        // Ctrl+C signals ApplicationStopping before the server and the app go away: stop sending then, and report.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            var report = await RunAsync(options.Value, stopping.Token);
            completion.TrySetResult(report);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            completion.TrySetCanceled(stopping.Token);
        }
        catch (Exception ex) when (ex is SimulationException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync($"[sim] stopped: {ex.Message}");
            Environment.ExitCode = 1;
            completion.TrySetException(ex);
            if (options.Value.ExitWhenDone)
            {
                lifetime.StopApplication();
            }
        }
    }

    private async Task<SimulationReport> RunAsync(SimulationOptions o, CancellationToken stoppingToken)
    {
        var seed = o.Seed ?? Random.Shared.Next(1, 1_000_000);
        var writeKey = o.WriteKey is { Length: > 0 } k ? k : settings[WriteKeySetting]
            ?? throw new SimulationException($"No write key: set {WriteKeySetting} in the settings or pass --write-key.");
        var baseUrl = address.BaseUrl.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        var prefix = manifest.Host.RoutePrefix.Length > 0 ? manifest.Host.RoutePrefix + "/" : string.Empty;
        var endpoint = new Uri(address.BaseUrl, prefix + "events");
        var alertsHub = settings["AlertsHubName"] ?? "alerts";
        var observer = new PipelineObserver(log, eventHubs, alertsHub, time);
        var generator = new JourneyGenerator(seed, o.PainShare);
        var runTag = string.Create(CultureInfo.InvariantCulture, $"sim{seed}-");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[sim] seed {seed}: {(o.Rate == 0 ? "as fast as possible" : $"{o.Rate} events/s")}, {o.Senders} parallel batches of up to {o.BatchSize} to POST {endpoint}; {o.PainShare:P0} of customers get a pain pattern."));
        Console.WriteLine($"[sim] console: {baseUrl}/{prefix}console   alerts: {baseUrl}/{prefix}alerts   timeline: {baseUrl}/{prefix}customers/<customer>/timeline");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Senders * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        var sender = new CollectorSender(client, endpoint, writeKey, time);
        var queue = Channel.CreateBounded<SimulatedEvent>(new BoundedChannelOptions(Math.Max(1000, o.BatchSize * o.Senders * 2))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var clock = Stopwatch.StartNew();
        var producer = Task.Run(() => ProduceAsync(o, generator, queue.Writer, clock, run.Token), run.Token);
        var senders = Enumerable.Range(0, o.Senders).Select(_ => Task.Run(() => SendAsync(o, sender, observer, queue.Reader, run.Token), run.Token)).ToList();
        var sending = Task.WhenAll(senders.Append(producer));

        var lastProgress = TimeSpan.Zero;
        TimeSpan? emitEnded = null;
        TimeSpan? drainStarted = null;
        var drained = false;
        while (true)
        {
            if (sending.IsFaulted && !stoppingToken.IsCancellationRequested)
            {
                await run.CancelAsync();
                await sending; // rethrows the first failure
            }

            foreach (var alert in observer.Poll())
            {
                Record(alert, runTag);
            }

            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(o.ProgressSeconds))
            {
                lastProgress = clock.Elapsed;
                Progress(clock.Elapsed, observer);
            }

            if (sending.IsCompletedSuccessfully)
            {
                emitEnded ??= clock.Elapsed;
                drainStarted ??= clock.Elapsed;
                var allFound = injected.Keys.All(Found);
                if (observer.AllStored && allFound)
                {
                    drained = true;
                    break;
                }

                if (clock.Elapsed - drainStarted.Value > o.DrainTimeout)
                {
                    Console.WriteLine($"[sim] drain timeout ({o.DrainTimeout}): stored {observer.Stored:N0} of {Interlocked.Read(ref accepted):N0}; reporting what was seen.");
                    break;
                }
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C on a continuous run: stop emitting and report what was measured.
                await run.CancelAsync();
                break;
            }
        }

        var elapsed = emitEnded ?? clock.Elapsed;
        await run.CancelAsync();
        try
        {
            await sending;
        }
        catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or SimulationException)
        {
            // Stopped mid-request by Ctrl+C: the report below covers what was accepted.
        }

        // Only while the app is still up (a stopped run reports without it).
        var deliveredToAlert = stoppingToken.IsCancellationRequested
            ? new LatencyHistogram()
            : await DeliveredToAlertAsync(client, new Uri(address.BaseUrl, prefix), CancellationToken.None);
        var report = Report(seed, elapsed, observer, drained, runTag) with { DeliveredToAlertMs = deliveredToAlert.Summarize() };
        Print(report);
        if (o.Report is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), CancellationToken.None);
            Console.WriteLine($"[sim] report written to {Path.GetFullPath(path)}");
        }

        if (o.IsFinite && o.ExitWhenDone)
        {
            lifetime.StopApplication();
        }

        return report;
    }

    private async Task ProduceAsync(SimulationOptions o, JourneyGenerator generator, ChannelWriter<SimulatedEvent> writer, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            for (long index = 0; ; index++)
            {
                if ((o.Customers > 0 && index >= o.Customers) || (o.Events > 0 && Interlocked.Read(ref emitted) >= o.Events) || (o.Duration is { } d && clock.Elapsed >= d))
                {
                    break;
                }

                var journey = generator.Create(index, time.GetUtcNow());
                Interlocked.Increment(ref customers);
                if (journey.InjectedRule is { } rule)
                {
                    injected.TryAdd((rule, journey.CustomerKey), 0);
                    injectedCustomers.TryAdd(journey.CustomerKey, 0);
                }

                foreach (var e in journey.Events)
                {
                    if (o.Rate > 0)
                    {
                        // Paced on the producer side: the n-th event is due at n / rate seconds.
                        var due = TimeSpan.FromSeconds((double)Interlocked.Read(ref emitted) / o.Rate);
                        if (due > clock.Elapsed)
                        {
                            await Task.Delay(due - clock.Elapsed, time, cancellationToken);
                        }
                    }

                    await writer.WriteAsync(e, cancellationToken);
                    Interlocked.Increment(ref emitted);
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task SendAsync(SimulationOptions o, CollectorSender sender, PipelineObserver observer, ChannelReader<SimulatedEvent> reader, CancellationToken cancellationToken)
    {
        var batch = new List<SimulatedEvent>(o.BatchSize);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            var lingerUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
            while (batch.Count < o.BatchSize)
            {
                if (reader.TryRead(out var e))
                {
                    batch.Add(e);
                }
                else if (Stopwatch.GetTimestamp() < lingerUntil && !reader.Completion.IsCompleted)
                {
                    // A short linger fills batches at moderate rates without delaying events by more than 50 ms.
                    await Task.Delay(5, cancellationToken);
                }
                else
                {
                    break;
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var emittedAt = time.GetUtcNow();
            foreach (var e in batch.Where(e => e.Tracked))
            {
                trackedEmits.TryAdd(e.Id, emittedAt);
            }

            var outcome = await sender.SendAsync(batch, cancellationToken);
            Interlocked.Add(ref accepted, outcome.Accepted);
            Interlocked.Add(ref rejected, outcome.Rejected);
            Interlocked.Add(ref retries, outcome.Retries);
            if (outcome.FirstRejection is not null)
            {
                Interlocked.CompareExchange(ref firstRejection, outcome.FirstRejection, null);
            }

            observer.BatchAccepted(emittedAt, outcome.Accepted);
        }
    }

    /// <summary>
    /// Alert latency from the moment the triggering event was delivered to the pipeline (its enqueued time in the log,
    /// read back from the timeline) to the alert's creation: the pipeline's own reaction time, without the queueing in
    /// front of it. Sampled over at most 300 alerts (one timeline read each).
    /// </summary>
    private async Task<LatencyHistogram> DeliveredToAlertAsync(HttpClient client, Uri api, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram();
        List<ObservedAlert> sample;
        lock (alerts)
        {
            sample = [.. alerts.Where(a => !PainPatterns.IsSweepRaised(a.Rule)).Take(300)];
        }

        foreach (var alert in sample)
        {
            using var response = await client.GetAsync(new Uri(api, $"customers/{Uri.EscapeDataString(alert.CustomerKey)}/timeline?limit=200"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var item = page.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("id").GetString() == alert.IncidentEventId);
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("enqueuedTime", out var enqueued) && enqueued.TryGetDateTimeOffset(out var at))
            {
                histogram.Record(alert.CreatedAt - at);
            }
        }

        return histogram;
    }

    private bool Found((string Rule, string Customer) pattern)
    {
        lock (alerts)
        {
            return alerts.Any(a => a.Rule == pattern.Rule && a.CustomerKey == pattern.Customer);
        }
    }

    private void Record(ObservedAlert alert, string runTag)
    {
        if (!alert.CustomerKey.StartsWith(runTag, StringComparison.Ordinal))
        {
            return; // another run's customer (a pending check from an earlier run on the same data folder)
        }

        int count;
        lock (alerts)
        {
            alerts.Add(alert);
            count = alerts.Count;
        }

        var expected = injected.ContainsKey((alert.Rule, alert.CustomerKey));
        TimeSpan? latency = trackedEmits.TryGetValue(alert.IncidentEventId, out var emittedAt) ? alert.CreatedAt - emittedAt : null;
        if (latency is { } l)
        {
            (PainPatterns.IsSweepRaised(alert.Rule) ? sweepAlerts : emitToAlert).Record(l);
        }

        if (count <= 200 || options.Value.Rate is > 0 and <= 1000)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[sim] ALERT {alert.Severity,-6} {alert.Rule,-30} customer {alert.CustomerKey}  {(expected ? "injected" : "NOT INJECTED (false positive)")}{(latency is { } x ? $", raised {x.TotalMilliseconds:0} ms after the event was sent" : string.Empty)}"));
        }
    }

    private void Progress(TimeSpan elapsed, PipelineObserver observer)
    {
        var sent = Interlocked.Read(ref accepted);
        int alertCount;
        lock (alerts)
        {
            alertCount = alerts.Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[sim] {elapsed:mm\\:ss}  customers {Interlocked.Read(ref customers):N0}  events accepted {sent:N0} ({sent / Math.Max(0.001, elapsed.TotalSeconds):N0}/s)  stored {observer.Stored:N0}  emit->stored {observer.EmitToStored.Summarize()}  alerts {alertCount} (patterns injected {injected.Count})  rejected {Interlocked.Read(ref rejected)}"));
    }

    private SimulationReport Report(int seed, TimeSpan emitTime, PipelineObserver observer, bool drained, string runTag)
    {
        List<ObservedAlert> seen;
        lock (alerts)
        {
            seen = [.. alerts];
        }

        var byPair = seen.GroupBy(a => (a.Rule, a.CustomerKey)).ToList();
        var truePositives = byPair.Count(g => injected.ContainsKey(g.Key));
        var falsePositives = byPair.Where(g => !injected.ContainsKey(g.Key)).Select(g => new AlertFinding(g.Key.Rule, g.Key.CustomerKey)).ToList();
        var missed = injected.Keys.Where(p => !byPair.Any(g => g.Key == p)).Select(p => new AlertFinding(p.Rule, p.Customer)).OrderBy(f => f.Rule, StringComparer.Ordinal).ToList();
        var cleanCustomers = Interlocked.Read(ref customers) - injectedCustomers.Count;
        var cleanWithAlert = seen.Select(a => a.CustomerKey).Distinct(StringComparer.Ordinal).Count(c => !injectedCustomers.ContainsKey(c));
        var rules = PainPatterns.All.Concat(seen.Select(a => a.Rule)).Distinct(StringComparer.Ordinal).Select(rule => new RuleReport(
            rule,
            seen.Count(a => a.Rule == rule),
            byPair.Count(g => g.Key.Rule == rule && injected.ContainsKey(g.Key)),
            byPair.Count(g => g.Key.Rule == rule && !injected.ContainsKey(g.Key)),
            injected.Keys.Count(p => p.Rule == rule),
            injected.Keys.Count(p => p.Rule == rule && byPair.Any(g => g.Key == p)))).ToList();
        var storedSeconds = observer is { LastStoredAt: { } last, FirstEmittedAt: { } first } ? Math.Max(0.001, (last - first).TotalSeconds) : 0;
        return new SimulationReport
        {
            Seed = seed,
            EmitPath = "HTTP POST /api/events (collector function) -> embedded log -> Ingest* functions",
            Customers = Interlocked.Read(ref customers),
            InjectedCustomers = injectedCustomers.Count,
            CleanCustomers = cleanCustomers,
            EventsEmitted = Interlocked.Read(ref emitted),
            EventsAccepted = Interlocked.Read(ref accepted),
            EventsRejected = Interlocked.Read(ref rejected),
            FirstRejection = firstRejection,
            EventsQuarantined = CountQuarantined(),
            RequestRetries = Interlocked.Read(ref retries),
            EmitSeconds = Math.Round(emitTime.TotalSeconds, 2),
            EmitEventsPerSecond = Math.Round(Interlocked.Read(ref accepted) / Math.Max(0.001, emitTime.TotalSeconds)),
            StoredEventsPerSecond = storedSeconds > 0 ? Math.Round(observer.Stored / storedSeconds) : 0,
            Drained = drained,
            EmitToStoredMs = observer.EmitToStored.Summarize(),
            EmitToAlertMs = emitToAlert.Summarize(),
            DeliveredToAlertMs = new LatencySummary(0, null, null, null, null),
            SweepAlertAfterEmitMs = sweepAlerts.Summarize(),
            Alerts = seen.Count,
            Rules = rules,
            Precision = byPair.Count == 0 ? null : Math.Round((double)truePositives / byPair.Count, 4),
            Recall = injected.IsEmpty ? null : Math.Round((double)truePositives / injected.Count, 4),
            FalsePositiveRate = cleanCustomers <= 0 ? 0 : Math.Round((double)cleanWithAlert / cleanCustomers, 6),
            Missed = missed,
            Injected = [.. injected.Keys.Select(p => new AlertFinding(p.Rule, p.Customer)).OrderBy(f => f.CustomerKey, StringComparer.Ordinal)],
            FalsePositives = [.. falsePositives.Take(100)],
        };
    }

    /// <summary>Quarantined events on the local folder store (one JSON line each); null when quarantine is not a local folder.</summary>
    private long? CountQuarantined()
    {
        if (settings["Storage__DataPath"] is not { Length: > 0 } dataPath)
        {
            return null;
        }

        var folder = Path.Combine(dataPath, "quarantine");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).Sum(f => (long)File.ReadLines(f).Count(l => l.Length > 0))
            : 0;
    }

    private static void Print(SimulationReport r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] ===== report (seed {r.Seed}) ====="));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] customers {r.Customers:N0} ({r.InjectedCustomers:N0} with an injected pattern); events sent {r.EventsEmitted:N0}, accepted {r.EventsAccepted:N0}, rejected {r.EventsRejected:N0}{(r.FirstRejection is { } f ? $" (first: {f})" : string.Empty)}, quarantined {(r.EventsQuarantined?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] throughput: {r.EmitEventsPerSecond:N0} events/s accepted by the collector over {r.EmitSeconds:0.0} s; {r.StoredEventsPerSecond:N0} events/s stored end to end{(r.Drained ? string.Empty : " (NOT fully drained)")}"));
        Console.WriteLine($"[sim] emit -> stored: {r.EmitToStoredMs}");
        Console.WriteLine($"[sim] emit -> alert raised: {r.EmitToAlertMs}; delivered (enqueued) -> alert raised: {r.DeliveredToAlertMs}");
        Console.WriteLine($"[sim] absence alerts (raised by the sweep after the window): emit -> alert {r.SweepAlertAfterEmitMs}");
        foreach (var rule in r.Rules)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim]   {rule.Rule,-30} alerts {rule.Alerts,5}  injected {rule.Injected,5}  detected {rule.Detected,5}  false positives {rule.FalsePositives,4}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sim] precision {r.Precision:0.####}, recall {r.Recall:0.####}, clean customers with an alert {r.FalsePositiveRate:P2}; missed {r.Missed.Count}, false positives {r.FalsePositives.Count}"));
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
