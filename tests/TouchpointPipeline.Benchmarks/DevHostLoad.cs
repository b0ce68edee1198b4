using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Benchmarks;

/// <summary>
/// End-to-end load against a running dev host (<c>dotnet run -c Release --project tools/TouchpointPipeline.DevHost</c>):
/// <list type="number">
/// <item>throughput: appends a backlog of realistic events (many customers; clicks, page views, errors, logins of
/// anonymous visitors, calls, chats) to the three ingest hubs at once and times appended → every event checkpointed
/// (<c>GET /_devhost/status</c> idle);</item>
/// <item>alert latency: with the pipeline idle, appends paced traffic with rage-click bursts mixed in and reports, per
/// alert, its <c>createdAt</c> minus the enqueue time of the click that completed the pattern.</item>
/// </list>
/// Usage: <c>dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- devhost-load [--url
/// http://localhost:7071] [--events 20000] [--customers 2000] [--rate 2000] [--seconds 10]</c>.
/// </summary>
internal static class DevHostLoad
{
    private const int AppendChunk = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url", "http://localhost:7071"));
        var events = int.Parse(Option(args, "--events", "20000"), CultureInfo.InvariantCulture);
        var customers = int.Parse(Option(args, "--customers", "2000"), CultureInfo.InvariantCulture);
        var rate = int.Parse(Option(args, "--rate", "2000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var run = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        await WaitIdleAsync(http, TimeSpan.FromMinutes(10));

        if (events > 0)
        {
            var backlog = Generate(run, events, customers, DateTime.UtcNow);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(backlog.GroupBy(m => m.Hub).Select(hub => AppendAllAsync(http, hub.Key, [.. hub])));
            var appended = clock.Elapsed;
            await WaitIdleAsync(http, TimeSpan.FromMinutes(30));
            var total = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput: {events} events ({customers} customers) appended in {appended.TotalSeconds:F2} s, all checkpointed after {total.TotalSeconds:F2} s: {events / total.TotalSeconds:F0} events/s"));
        }

        if (rate > 0 && seconds > 0)
        {
            await MeasureAlertLatencyAsync(http, run, customers, rate, seconds);
        }

        return 0;
    }

    private static async Task MeasureAlertLatencyAsync(HttpClient http, string run, int customers, int rate, int seconds)
    {
        var ticksPerSecond = 10;
        var perTick = Math.Max(1, rate / ticksPerSecond);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var tick = 0; tick < seconds * ticksPerSecond; tick++)
        {
            var due = TimeSpan.FromSeconds((double)tick / ticksPerSecond);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var now = DateTime.UtcNow;
            var batch = Generate($"{run}-p{tick}", perTick, customers, now);

            // One rage-click burst per tick on a customer of its own: 3 clicks on the same button within 200 ms.
            var burstCustomer = $"rage-{run}-{tick}";
            for (var c = 0; c < 3; c++)
            {
                var id = $"{run}-rage-{tick}-{c}";
                batch.Add(new Message("clickstream", burstCustomer, Click(id, burstCustomer, null, now.AddMilliseconds(-200 + (c * 100)), "#pay-now")));
            }

            await Task.WhenAll(batch.GroupBy(m => m.Hub).Select(hub => AppendAllAsync(http, hub.Key, [.. hub])));
            sent += batch.Count;
        }

        await WaitIdleAsync(http, TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        var alerts = await ReadAlertsAsync(http);
        var enqueued = await ReadEnqueueTimesAsync(http, "clickstream", run);
        var latencies = new List<double>();
        foreach (var alert in alerts)
        {
            if (alert["ruleId"]?.GetValue<string>() == "rage-click"
                && alert["incidentEventId"]?.GetValue<string>() is { } incident
                && enqueued.TryGetValue(incident, out var at)
                && alert["createdAt"]?.GetValue<DateTimeOffset>() is { } created)
            {
                latencies.Add((created - at).TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alert latency: {sent} events paced at {sent / elapsed.TotalSeconds:F0} events/s for {elapsed.TotalSeconds:F1} s; {latencies.Count} rage-click alerts (expected {seconds * ticksPerSecond}); enqueued → alert created p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {(latencies.Count == 0 ? 0 : latencies[^1]):F0} ms"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<List<JsonObject>> ReadAlertsAsync(HttpClient http)
    {
        var all = new List<JsonObject>();
        foreach (var message in await ReadHubAsync(http, "alerts"))
        {
            all.Add(JsonNode.Parse(message["body"]!.GetValue<string>())!.AsObject());
        }

        return all;
    }

    private static async Task<Dictionary<string, DateTimeOffset>> ReadEnqueueTimesAsync(HttpClient http, string hub, string run)
    {
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var message in await ReadHubAsync(http, hub))
        {
            var body = message["body"]!.GetValue<string>();
            if (body.Contains("-rage-", StringComparison.Ordinal) && body.Contains(run, StringComparison.Ordinal))
            {
                var id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
                times[id] = message["enqueuedTime"]!.GetValue<DateTimeOffset>();
            }
        }

        return times;
    }

    private static async Task<List<JsonObject>> ReadHubAsync(HttpClient http, string hub)
    {
        var status = await http.GetFromJsonAsync<JsonObject>("/_devhost/status");
        var partitions = status!["hubs"]!.AsArray().First(h => h!["name"]!.GetValue<string>() == hub)!["partitions"]!.AsArray();
        var messages = new List<JsonObject>();
        foreach (var partition in partitions)
        {
            var id = partition!["id"]!.GetValue<string>();
            var last = partition["lastSequenceNumber"]!.GetValue<long>();
            for (var from = 0L; from <= last; from += 1_000)
            {
                var page = await http.GetFromJsonAsync<JsonArray>($"/_devhost/hubs/{hub}/messages?partition={id}&from={from}&max=1000");
                messages.AddRange(page!.Select(m => m!.AsObject()));
            }
        }

        return messages;
    }

    private static async Task AppendAllAsync(HttpClient http, string hub, IReadOnlyList<Message> messages)
    {
        for (var start = 0; start < messages.Count; start += AppendChunk)
        {
            var chunk = messages.Skip(start).Take(AppendChunk).Select(m => new { partitionKey = m.PartitionKey, body = m.Body });
            using var response = await http.PostAsJsonAsync($"/_devhost/hubs/{hub}/messages", new { messages = chunk });
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task WaitIdleAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonObject>("/_devhost/status");
            if (status!["idle"]!.GetValue<bool>())
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The dev host was not idle within {timeout}: {status["pending"]} pending.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A realistic mix per customer: 60 % clickstream (clicks, page views, a few client errors; a tenth of the
    /// visitors anonymous, some of them logging in), 20 % calls, 20 % chats; times spread over the last minute.
    /// </summary>
    internal static List<Message> Generate(string run, int count, int customers, DateTime now)
    {
        var random = new Random(count ^ customers);
        var messages = new List<Message>(count);
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(customers);
            var customer = $"cust-{c:D6}";
            var anonymous = c % 10 == 0 ? $"anon-{c:D6}" : null;
            var time = now.AddMilliseconds(-60_000 + (60_000.0 * i / count));
            var id = $"{run}-{i}";
            var roll = random.Next(100);
            var key = anonymous is null ? customer : $"anon:{anonymous}";
            messages.Add(roll switch
            {
                < 30 => new Message("clickstream", key, Click(id, anonymous is null ? customer : null, anonymous, time, $"#btn-{random.Next(20)}")),
                < 50 => new Message("clickstream", key, Build("page.viewed", id, time, "web", new JsonObject { ["url"] = $"https://shop.example/p/{random.Next(500)}", ["title"] = "Product" }, anonymous is null ? customer : null, anonymous)),
                < 55 => new Message("clickstream", key, Build("client.error", id, time, "web", new JsonObject { ["message"] = "TypeError: x is undefined", ["url"] = "https://shop.example/checkout" }, anonymous is null ? customer : null, anonymous)),
                < 60 when anonymous is not null => new Message("clickstream", key, Build("customer.identified", id, time, "web", new JsonObject { ["method"] = "login" }, customer, anonymous)),
                < 60 => new Message("clickstream", key, Build("page.viewed", id, time, "app", new JsonObject { ["url"] = "app://home" }, customer)),
                < 70 => new Message("calls", customer, Build("call.queued", id, time, "call", new JsonObject { ["callId"] = $"call-{c}-{i}", ["queue"] = "billing" }, customer)),
                < 80 => new Message("calls", customer, Build("call.answered", id, time, "call", new JsonObject { ["callId"] = $"call-{c}-{i}", ["agentId"] = "agent-7", ["waitSeconds"] = 42 }, customer)),
                < 90 => new Message("chats", customer, Build("chat.started", id, time, "chat", new JsonObject { ["chatId"] = $"chat-{c}" }, customer)),
                _ => new Message("chats", customer, Build("chat.message", id, time, "chat", new JsonObject { ["chatId"] = $"chat-{c}", ["sender"] = "customer", ["text"] = "The payment page keeps failing with my card, this is ridiculous" }, customer)),
            });
        }

        return messages;
    }

    private static string Click(string id, string? customer, string? anonymous, DateTime time, string selector) =>
        Build("element.clicked", id, time, "web", new JsonObject { ["selector"] = selector, ["x"] = 120, ["y"] = 48, ["url"] = "https://shop.example/checkout", ["text"] = "Pay now" }, customer, anonymous);

    private static string Build(string type, string id, DateTime time, string channel, JsonObject data, string? customer, string? anonymous = null)
    {
        var e = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = channel is "call" ? "cc/genesys" : channel is "chat" ? "web/chat" : "web/shop",
            ["type"] = type,
            ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["channel"] = channel,
            ["data"] = data,
        };
        if (customer is not null)
        {
            e["customerid"] = customer;
        }

        if (anonymous is not null)
        {
            e["anonymousid"] = anonymous;
        }

        return e.ToJsonString();
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    internal sealed record Message(string Hub, string PartitionKey, string Body);
}
