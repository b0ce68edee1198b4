using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.DevHost.Commands;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// The fault-injection drill through the dev host and the real handler: the timeline store failing 20 % of calls and
/// down for a while, the blob store (Azurite, the dead-letter store) down, the handler killed with SIGKILL mid-batch
/// several times, sweep runs failing after saving. Then nothing may be lost or duplicated and every alert the traffic
/// implies must be stored once and reach the alerts hub and the webhook. Durations are scaled down for CI (the timeline
/// outage lasts <see cref="TimelineDownFor"/> instead of a minute); the shape is the drill's. The figures go to
/// <c>fault-report.txt</c> next to the test assembly (.ci/run prints it) and to docs/testing.md.
/// </summary>
public sealed partial class FaultDrillTests
{
    private const int Waves = 6;
    private const int CustomersPerWave = 30;
    private const int InvalidPerWave = 2;
    private const double TimelineFailureRate = 0.2;
    private const double SweepFailAfterSaveRate = 0.5;
    // The drill's "down for a minute", scaled for CI; TOUCHPOINT_DRILL_TIMELINE_DOWN_SECONDS=60 runs it at full length.
    private static readonly TimeSpan TimelineDownFor = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("TOUCHPOINT_DRILL_TIMELINE_DOWN_SECONDS"), CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 15);
    private static readonly TimeSpan BlobDownFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HandlerDownFor = TimeSpan.FromMilliseconds(500);

    // Longer than the handler's plan refresh interval (FaultInjection:RefreshInterval, 200 ms): a plan written this long
    // ago is the one the handler follows.
    private static readonly TimeSpan PlanRefresh = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task DevHost_FaultDrill_NothingLostOrDuplicatedAndEveryAlertStoredAndDeliveredOnce()
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        run.CancelAfter(TimeSpan.FromMinutes(5));
        var work = Directory.CreateTempSubdirectory("tp-drill-").FullName;
        try
        {
            await DrillAsync(work, run.Token);
        }
        finally
        {
            TryDelete(work);
        }
    }

    private static async Task DrillAsync(string work, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var appDirectory = DevHostApplication.BuiltFunctionAppDirectory();
        var plan = new FaultPlanFile(Path.Combine(work, "faults.json"));
        plan.Write(TimelineFailureRate, sweepFailAfterSaveRate: SweepFailAfterSaveRate);

        await using var azurite = await DrillAzurite.StartAsync(Path.Combine(work, "azurite"), ct);
        await using var webhook = await WebhookReceiver.StartAsync();
        Directory.CreateDirectory(Path.Combine(work, "handler"));
        await using var handler = await DrillHandler.StartAsync(appDirectory, Path.Combine(work, "handler"), new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__DataPath"] = Path.Combine(work, "data"),
            ["DeadLetterStorage"] = azurite.ConnectionString,
            ["Alerts__Webhook__Url"] = webhook.Url.ToString(),
            ["Alerts__Webhook__Secret"] = "drill-only-webhook-secret",
            ["Alerts__Webhook__FirstRetryDelay"] = "00:00:00.200",
            ["Alerts__Webhook__MaxRetryDelay"] = "00:00:02",
            ["Alerts__RedeliverAfter"] = "00:00:05",
            ["FaultInjection__PlanFile"] = plan.Path,
            ["Logging__LogLevel__Default"] = "Warning",
        }, ct);
        await using var host = await RunningDevHost.StartAsync(ScaledApp(appDirectory, Path.Combine(work, "app")), handler.Url, null, "--settings", DevHostSettings(work));

        var emitted = new List<(string Key, string Body, string Id, bool Valid)>();
        var midBatchKills = 0;
        for (var wave = 0; wave < Waves; wave++)
        {
            var events = DrillTraffic.Wave(wave, CustomersPerWave, InvalidPerWave, DateTimeOffset.UtcNow);
            switch (wave)
            {
                case 1:
                    plan.Write(TimelineFailureRate, timelineDown: true, sweepFailAfterSaveRate: SweepFailAfterSaveRate);
                    await AppendDuringAsync(host, events, emitted, TimelineDownFor, ct);
                    plan.Write(TimelineFailureRate, sweepFailAfterSaveRate: SweepFailAfterSaveRate);
                    break;
                case 2:
                    await azurite.StopAsync(ct);
                    await AppendDuringAsync(host, events, emitted, BlobDownFor, ct);
                    await azurite.RestartAsync(ct);
                    break;
                case 0 or 3 or 5:
                    await AppendAsync(host, events, emitted);
                    midBatchKills += await KillMidBatchAsync(host, handler, ct) ? 1 : 0;
                    break;
                default:
                    // A bug in the timeline path: permanent, so the batches it hits are parked (and replayed at the end).
                    plan.Write(TimelineFailureRate, sweepFailAfterSaveRate: SweepFailAfterSaveRate, timelineBugRate: 1);
                    await Task.Delay(PlanRefresh, ct);
                    await AppendAsync(host, events, emitted);
                    await PollAsync(host.StatusAsync, IsCaughtUp(emitted.Count), "the wave parked", ct);
                    plan.Write(TimelineFailureRate, sweepFailAfterSaveRate: SweepFailAfterSaveRate);
                    break;
            }
        }

        // Faults stay on while the pipeline drains: retries under 20 % failures and failing sweeps must not lose or repeat anything.
        var drained = await PollAsync(host.StatusAsync, IsCaughtUp(emitted.Count), "every event checkpointed", ct);
        var injected = plan.Injected();
        plan.Write();
        // The "fix" must be in force before the replay: the handler reads the plan only every refresh interval.
        await Task.Delay(PlanRefresh, ct);

        var parkedReport = await RunReplayAsync(host, "parked", ct);
        var customers = emitted.Where(e => e.Valid).Select(e => e.Key).Distinct(StringComparer.Ordinal).ToList();
        var expectedAlerts = customers.Count * DrillTraffic.ExpectedRules.Length;
        var alerts = await PollAsync(
            () => AlertsAsync(host, ct),
            a => a.Count >= expectedAlerts && a.All(x => HubAlertIds(host).Contains(x.Id) && webhook.AlertIds.Contains(x.Id)),
            $"{expectedAlerts} alerts stored and delivered to the hub and the webhook", ct);
        var quarantineReport = await RunReplayAsync(host, "quarantined", ct);
        var timelines = await host.TimelineIdsAsync(customers, ct);

        var validIds = emitted.Where(e => e.Valid).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var stored = timelines.SelectMany(t => t.Value).ToList();
        var lost = validIds.Except(stored, StringComparer.Ordinal).Count();
        var duplicated = stored.Count - stored.Distinct(StringComparer.Ordinal).Count();
        var hubDeliveries = HubAlertIdList(host);
        var webhookDeliveries = webhook.AlertIds.ToList();
        var alertIds = alerts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var invalidCount = emitted.Count(e => !e.Valid);
        var report = Report(
            TimeProvider.System.GetElapsedTime(started), emitted.Count, validIds.Count, invalidCount, customers.Count, injected, handler.Kills, midBatchKills,
            azurite.Outages, drained, lost, duplicated, parkedReport, quarantineReport, expectedAlerts, alerts.Count,
            hubDeliveries.Count(alertIds.Contains), hubDeliveries.Where(alertIds.Contains).Distinct(StringComparer.Ordinal).Count(),
            webhookDeliveries.Count(alertIds.Contains), webhookDeliveries.Where(alertIds.Contains).Distinct(StringComparer.Ordinal).Count());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fault-report.txt"), report, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(expectedAlerts, alerts.Count);
        Assert.Equal(alerts.Count, alerts.Select(a => (a.RuleId, a.CustomerKey)).Distinct().Count());
        Assert.All(DrillTraffic.ExpectedRules, rule => Assert.Equal(customers.Count, alerts.Count(a => a.RuleId == rule)));
        Assert.Equal(alertIds, hubDeliveries.Where(alertIds.Contains).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(alertIds, webhookDeliveries.Where(alertIds.Contains).ToHashSet(StringComparer.Ordinal));
        Assert.Equal((invalidCount, 0, invalidCount), (quarantineReport.Received, quarantineReport.Stored, quarantineReport.Quarantined));
        Assert.True(parkedReport.Batches > 0 && parkedReport.Stored > 0, report);
        Assert.True(handler.Kills >= 3 && azurite.Outages >= 1, report);
        Assert.True(injected.GetValueOrDefault("timeline-failure") > 0 && injected.GetValueOrDefault("timeline-down") > 0 && injected.GetValueOrDefault("sweep-fail-after-save") > 0, report);
    }

    private static async Task AppendAsync(RunningDevHost host, IReadOnlyList<(string Key, string Body, string Id, bool Valid)> events, List<(string Key, string Body, string Id, bool Valid)> emitted)
    {
        await host.AppendAsync("clickstream", [.. events.Select(e => ((string?)e.Key, e.Body))]);
        emitted.AddRange(events);
    }

    /// <summary>Half the wave at the start of an outage, half in its middle, so batches start both before and during it.</summary>
    private static async Task AppendDuringAsync(
        RunningDevHost host, IReadOnlyList<(string Key, string Body, string Id, bool Valid)> events, List<(string Key, string Body, string Id, bool Valid)> emitted, TimeSpan outage, CancellationToken ct)
    {
        var half = events.Count / 2;
        await AppendAsync(host, [.. events.Take(half)], emitted);
        await Task.Delay(outage / 2, ct);
        await AppendAsync(host, [.. events.Skip(half)], emitted);
        await Task.Delay(outage / 2, ct);
    }

    /// <summary>Waits (up to 5 s) until a batch is with the handler, then SIGKILLs it and starts it again. True when a batch was in flight.</summary>
    private static async Task<bool> KillMidBatchAsync(RunningDevHost host, DrillHandler handler, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var inFlight = false;
        while (!inFlight && DateTime.UtcNow < deadline)
        {
            inFlight = Partitions(await host.StatusAsync()).Any(p => p.GetProperty("inFlight").GetBoolean());
            if (!inFlight)
            {
                await Task.Delay(25, ct);
            }
        }

        await handler.KillAsync(ct);
        await Task.Delay(HandlerDownFor, ct);
        await handler.RestartAsync(ct);
        return inFlight;
    }

    private static Func<JsonElement, bool> IsCaughtUp(int expected) => status =>
        Partitions(status).All(p => p.GetProperty("pending").GetInt64() == 0 && !p.GetProperty("inFlight").GetBoolean())
        && Partitions(status).Sum(p => p.GetProperty("lastSequenceNumber").GetInt64() + 1) >= expected;

    private static IEnumerable<JsonElement> Partitions(JsonElement status) =>
        status.GetProperty("consumers").EnumerateArray()
            .Where(c => c.GetProperty("hub").GetString() == "clickstream")
            .SelectMany(c => c.GetProperty("partitions").EnumerateArray());

    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {SettleTimeout} waiting for {what}.");
            await Task.Delay(250, ct);
        }
    }

    private static async Task<List<DrillAlert>> AlertsAsync(RunningDevHost host, CancellationToken ct)
    {
        var alerts = new List<DrillAlert>();
        string? next = null;
        do
        {
            var url = "/api/alerts?limit=100" + (next is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(next));
            using var page = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri(url, UriKind.Relative), ct));
            alerts.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(a => new DrillAlert(
                a.GetProperty("id").GetString()!, a.GetProperty("ruleId").GetString()!, a.GetProperty("customerKey").GetString()!)));
            next = page.RootElement.GetProperty("next").GetString();
        }
        while (next is not null);
        return alerts;
    }

    private static HashSet<string> HubAlertIds(RunningDevHost host) => HubAlertIdList(host).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every alert id on the dev host's <c>alerts</c> hub, one per delivery (repeats included).</summary>
    private static List<string> HubAlertIdList(RunningDevHost host)
    {
        if (!host.Services.GetRequiredService<EmbeddedLog>().TryGetHub("alerts", out var hub))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var partition in hub.Partitions)
        {
            for (long from = 0; from < partition.NextSequenceNumber; from += 1000)
            {
                ids.AddRange(partition.Read(from, 1000).Select(m => JsonNode.Parse(m.Body)!["id"]!.GetValue<string>()));
            }
        }

        return ids;
    }

    /// <summary>The dev host command <c>replay parked|quarantined</c> against the running dev host; its report's totals.</summary>
    private static async Task<ReplayTotals> RunReplayAsync(RunningDevHost host, string kind, CancellationToken ct)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ReplayCommand.RunAsync([kind, "--url", host.Client.BaseAddress!.ToString(), "--timeout", "00:02:00"], output, error, ct);
        var text = output.ToString();
        Assert.True(exit == 0, $"replay {kind} exited {exit}: {text}{error}");
        var match = ReplaySummary().Match(text);
        Assert.True(match.Success, text);
        int Group(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new ReplayTotals(Group("batches"), Group("received"), Group("stored"), Group("duplicates"), Group("quarantined"), text.Split('\n')[0].Trim());
    }

    [GeneratedRegex(@": (?<batches>\d+) (batches|records), \d+ replayed, \d+ failed; (?<received>\d+) events received, (?<stored>\d+) stored, (?<duplicates>\d+) duplicates, (?<quarantined>\d+)")]
    private static partial Regex ReplaySummary();

    /// <summary>
    /// The app's function.json/host.json for the dev host, with the ingest retry backoff scaled from 2 s..1 min down to
    /// 0.2 s..2 s (same shape) and smaller batches.
    /// </summary>
    private static string ScaledApp(string appDirectory, string target)
    {
        Directory.CreateDirectory(target);
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(appDirectory, "host.json")))!;
        // Batches of 20 instead of 100: more invocations, so more timeline calls to fail and more batches to kill mid-way.
        host["extensions"]!["eventHubs"]!["maxEventBatchSize"] = 20;
        File.WriteAllText(Path.Combine(target, "host.json"), host.ToJsonString());
        foreach (var functionJson in Directory.GetFiles(appDirectory, "function.json", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(functionJson)!);
            var json = JsonNode.Parse(File.ReadAllText(functionJson))!;
            if (json["retry"] is JsonObject retry)
            {
                retry["minimumInterval"] = "00:00:00.200";
                retry["maximumInterval"] = "00:00:02";
            }

            Directory.CreateDirectory(Path.Combine(target, name));
            File.WriteAllText(Path.Combine(target, name, "function.json"), json.ToJsonString());
        }

        return target;
    }

    /// <summary>The dev host's settings: the sweep every 2 s (Azure: every minute).</summary>
    private static string DevHostSettings(string work)
    {
        var path = Path.Combine(work, "devhost.settings.json");
        File.WriteAllText(path, """{ "Values": { "SweepSchedule": "*/2 * * * * *" } }""");
        return path;
    }

    private static string Report(
        TimeSpan elapsed, int events, int valid, int invalid, int customers, IReadOnlyDictionary<string, int> injected, int kills, int midBatchKills,
        int blobOutages, JsonElement drained, int lost, int duplicated, ReplayTotals parked, ReplayTotals quarantined,
        int expectedAlerts, int storedAlerts, int hubDeliveries, int hubDistinct, int webhookDeliveries, int webhookDistinct)
    {
        var failedAttempts = Partitions(drained).Sum(p => p.GetProperty("failedAttempts").GetInt64());
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Fault-injection drill through the dev host: {elapsed.TotalSeconds:F0} s");
        report.AppendLine(CultureInfo.InvariantCulture, $"events emitted: {events} ({valid} valid from {customers} customers, {invalid} schema-breaking)");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"faults injected: timeline call failures (20 %) {injected.GetValueOrDefault("timeline-failure")}; timeline store down {TimelineDownFor.TotalSeconds:F0} s ({injected.GetValueOrDefault("timeline-down")} calls refused); blob store down {blobOutages} x {BlobDownFor.TotalSeconds:F0} s; handler SIGKILL {kills} ({midBatchKills} mid-batch); timeline calls hitting a bug (permanent: batch parked) {injected.GetValueOrDefault("timeline-bug")}; sweep runs failed after saving {injected.GetValueOrDefault("sweep-fail-after-save")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"ingest attempts failed and retried: {failedAttempts}; parked then replayed: {parked.Batches} batches ({parked.Received} events, {parked.Stored} stored by the replay)");
        report.AppendLine(CultureInfo.InvariantCulture, $"lost: {lost}; duplicate timeline items: {duplicated}; quarantined: {quarantined.Received} of {invalid} schema-breaking (still quarantined after replay: {quarantined.Quarantined})");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"alerts: expected {expectedAlerts}, stored {storedAlerts}; alerts hub {hubDistinct}/{expectedAlerts} delivered ({hubDeliveries - hubDistinct} repeats); webhook {webhookDistinct}/{expectedAlerts} delivered ({webhookDeliveries - webhookDistinct} repeats)");
        return report.ToString();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being stopped; the OS cleans its temp folder.
        }
    }

    private sealed record DrillAlert(string Id, string RuleId, string CustomerKey);

    private sealed record ReplayTotals(int Batches, int Received, int Stored, int Duplicates, int Quarantined, string Summary);
}
