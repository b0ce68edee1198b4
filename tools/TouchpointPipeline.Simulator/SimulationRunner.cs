using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Detection.Rules;
using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Observing;
using TouchpointPipeline.Simulator.Reporting;
using TouchpointPipeline.Simulator.Sending;

namespace TouchpointPipeline.Simulator;

/// <summary>
/// <c>--simulate</c>: once the host and the app are up, generates customer journeys, posts them to the real collector
/// in parallel batches, watches events get stored and alerts get raised, prints progress, and (for a finite run) a
/// report with throughput, latency percentiles and precision/recall against the injected patterns. This type only
/// orchestrates: producing (<see cref="JourneyProducer"/>), sending (<see cref="BatchSender"/>), observing
/// (<see cref="PipelineObserver"/>, <see cref="AlertLedger"/>), the report (<see cref="SimulationReportBuilder"/>)
/// and the console (<see cref="SimulationConsole"/>) each have their own type.
/// </summary>
public sealed class SimulationRunner(
    IOptions<SimulationOptions> options,
    IHostApplicationLifetime lifetime,
    ISimulationTarget target,
    TimeProvider time) : BackgroundService
{
    /// <summary>The setting holding the write key the simulator uses unless <see cref="SimulationOptions.WriteKey"/> is given.</summary>
    public const string WriteKeySetting = "Collector__WriteKeys__devhost__Key";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly TaskCompletionSource<SimulationReport> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SimulationConsole _console = new(Console.Out, Console.Error);

    /// <summary>The report of a finite run (faulted when the run failed).</summary>
    public Task<SimulationReport> Completion => _completion.Task;

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
                _completion.TrySetCanceled(stoppingToken);
                return;
            }
        }

        // Ctrl+C signals ApplicationStopping before the server and the app go away: stop sending then, and report.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            var report = await RunAsync(options.Value, stopping.Token);
            _completion.TrySetResult(report);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stopping.Token);
        }
        catch (Exception ex) when (ex is SimulationException or HttpRequestException or IOException)
        {
            await _console.StoppedAsync(ex.Message);
            Environment.ExitCode = 1;
            _completion.TrySetException(ex);
            if (options.Value.ExitWhenDone)
            {
                lifetime.StopApplication();
            }
        }
    }

    private async Task<SimulationReport> RunAsync(SimulationOptions o, CancellationToken stoppingToken)
    {
        var seed = o.Seed ?? Random.Shared.Next(1, 1_000_000);
        var viaEventHubs = o.Via == SimulationOptions.ViaEventHubs;
        var writeKey = o.WriteKey is { Length: > 0 } k ? k : target.Setting(WriteKeySetting)
            ?? (viaEventHubs ? string.Empty : throw new SimulationException($"No write key: set {WriteKeySetting} in the settings or pass --write-key."));
        if (viaEventHubs && string.IsNullOrWhiteSpace(o.EventHubsConnection))
        {
            throw new SimulationException("--via eventhubs needs an Event Hubs connection string (Simulation:EventHubsConnection).");
        }
        var rules = LoadRules();
        var endpoint = new Uri(target.ApiBaseUrl, "events");
        var runTag = string.Create(CultureInfo.InvariantCulture, $"sim{seed}-");
        var counters = new SimulationCounters();
        var truth = new GroundTruth();
        var ledger = new AlertLedger(runTag, truth, rules);
        var observer = new PipelineObserver(target, target.Setting("AlertsHubName") ?? "alerts", time);

        _console.Started(seed, o, viaEventHubs ? $"Event Hubs ({EventHubsEndpoint(o.EventHubsConnection!)}), customer key as partition key" : $"POST {endpoint}", target.ApiBaseUrl);
        if (rules.RulesWithoutPattern.Count > 0)
        {
            _console.RulesWithoutPattern(rules.RulesWithoutPattern);
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Senders * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        var queue = Channel.CreateBounded<SimulatedEvent>(new BoundedChannelOptions(Math.Max(1000, o.BatchSize * o.Senders * 2))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = new JourneyProducer(o, new JourneyGenerator(seed, o.PainShare, rules.Injected), counters, truth, time);
        var collector = new CollectorSender(client, endpoint, writeKey, time);
        await using var eventHubs = new EventHubsSender(o.EventHubsConnection ?? string.Empty, HubForChannel);
        var sender = new BatchSender(o, viaEventHubs ? eventHubs.SendAsync : collector.SendAsync, observer, counters, truth, time);

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var clock = Stopwatch.StartNew();
        var producing = Task.Run(() => producer.RunAsync(queue.Writer, clock, run.Token), run.Token);
        var senders = Enumerable.Range(0, o.Senders).Select(_ => Task.Run(() => sender.RunAsync(queue.Reader, run.Token), run.Token)).ToList();
        var sending = Task.WhenAll(senders.Append(producing));

        var lastProgress = TimeSpan.Zero;
        TimeSpan? emitEnded = null;
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
                if (ledger.Record(alert) is { } verdict && (verdict.Count <= 200 || o.Rate is > 0 and <= 1000))
                {
                    _console.Alert(alert, verdict);
                }
            }

            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(o.ProgressSeconds))
            {
                lastProgress = clock.Elapsed;
                _console.Progress(clock.Elapsed, counters, observer, ledger.Count, truth.PatternCount);
            }

            if (sending.IsCompletedSuccessfully)
            {
                // Drain: wait until everything accepted is stored and every injected pattern has alerted.
                emitEnded ??= clock.Elapsed;
                if (observer.AllStored && truth.Patterns.All(ledger.Found))
                {
                    drained = true;
                    break;
                }

                if (clock.Elapsed - emitEnded.Value > o.DrainTimeout)
                {
                    _console.DrainTimeout(o.DrainTimeout, observer.Stored, counters.Accepted);
                    break;
                }
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(PollInterval, time, stoppingToken);
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
            : await new DeliveredToAlertSampler(client, target.ApiBaseUrl, rules).SampleAsync(ledger.Snapshot(), CancellationToken.None);
        var report = new SimulationReportBuilder(counters, truth, ledger, observer, rules, viaEventHubs ? SimulationReportBuilder.EventHubsPath : SimulationReportBuilder.CollectorPath)
            .Build(seed, elapsed, drained, QuarantineFolder.CountEvents(target.Setting("Storage__DataPath")), deliveredToAlert.Summarize());
        _console.Report(report);
        if (o.Report is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), CancellationToken.None);
            _console.ReportWritten(path);
        }

        if (o.IsFinite && o.ExitWhenDone)
        {
            lifetime.StopApplication();
        }

        return report;
    }

    /// <summary>The rules the app loads: its rules folder, or <c>Detection__RulesPath</c> resolved against the app folder as the app does.</summary>
    private RulePatterns LoadRules()
    {
        var folder = Path.GetFullPath(target.Setting("Detection__RulesPath") is { Length: > 0 } path ? path : "rules", target.AppDirectory);
        try
        {
            return RulePatterns.LoadFolder(folder);
        }
        catch (RuleValidationException ex)
        {
            throw new SimulationException($"Cannot read the app's rules: {ex.Message}");
        }
    }

    /// <summary>The hub the app's ingest function for the channel reads (the app's hub-name settings, else the defaults).</summary>
    private string HubForChannel(string channel) => channel switch
    {
        "call" => target.Setting("CallsHubName") ?? "calls",
        "chat" => target.Setting("ChatsHubName") ?? "chats",
        _ => target.Setting("ClickstreamHubName") ?? "clickstream",
    };

    private static string EventHubsEndpoint(string connectionString) =>
        connectionString.Split(';').FirstOrDefault(p => p.Trim().StartsWith("Endpoint=", StringComparison.OrdinalIgnoreCase))?.Trim()["Endpoint=".Length..] ?? "?";
}
