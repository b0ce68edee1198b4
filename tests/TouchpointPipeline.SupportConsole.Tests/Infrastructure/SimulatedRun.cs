using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.SupportConsole.Tests.Infrastructure;

/// <summary>
/// Produces alerts the way a real run does: touchpoint events appended to the dev host's hubs, ingested and detected by
/// the real function app. One customer gets a web session with a rage-click burst and a call transferred twice
/// (rage-click, transfer-loop). When the simulator lands, <see cref="ProduceAlertsAsync"/> is the one place to switch.
/// </summary>
internal sealed record SimulatedRun(string CustomerId, string RageClickAlertId, IReadOnlyList<string> RageClickEvidence, string TransferLoopAlertId)
{
    public static async Task<SimulatedRun> ProduceAlertsAsync(DevHostSite site, string customerId = "ann.console@example.com")
    {
        var now = DateTime.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var clicks = Enumerable.Range(0, 3).Select(i => $"click-{tag}-{i}").ToList();
        var web = new List<string>
        {
            Event("page.viewed", $"view-{tag}", now.AddSeconds(-10), "web", new JsonObject { ["url"] = "https://shop.example/checkout" }, customerId, "sess-" + tag),
        };
        web.AddRange(clicks.Select((id, i) => Event("element.clicked", id, now.AddSeconds(-5 + (0.2 * i)), "web",
            new JsonObject { ["selector"] = "#pay", ["x"] = 120, ["y"] = 48, ["url"] = "https://shop.example/checkout", ["text"] = "Pay" }, customerId, "sess-" + tag)));
        var calls = new[]
        {
            Event("call.transferred", $"xfer-{tag}-1", now.AddSeconds(-3), "call", new JsonObject { ["callId"] = "call-" + tag, ["toQueue"] = "billing" }, customerId, null),
            Event("call.transferred", $"xfer-{tag}-2", now.AddSeconds(-2), "call", new JsonObject { ["callId"] = "call-" + tag, ["toQueue"] = "support" }, customerId, null),
        };

        await site.AppendAsync("clickstream", [.. web.Select(body => (customerId, body))]);
        await site.AppendAsync("calls", [.. calls.Select(body => (customerId, body))]);
        var alerts = await site.PollAsync(
            "/api/alerts?customer=" + Uri.EscapeDataString(customerId),
            page => Rule(page, "rage-click", clicks[0]) is not null && Rule(page, "transfer-loop", $"xfer-{tag}-1") is not null,
            "the rage-click and transfer-loop alerts of the simulated run");
        var rage = Rule(alerts, "rage-click", clicks[0])!.Value;
        var transfer = Rule(alerts, "transfer-loop", $"xfer-{tag}-1")!.Value;
        return new SimulatedRun(
            customerId,
            rage.GetProperty("id").GetString()!,
            [.. rage.GetProperty("evidenceEventIds").EnumerateArray().Select(e => e.GetString()!)],
            transfer.GetProperty("id").GetString()!);
    }

    private static JsonElement? Rule(JsonElement page, string ruleId, string evidenceId) =>
        page.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("ruleId").GetString() == ruleId
                && a.GetProperty("evidenceEventIds").EnumerateArray().Any(e => e.GetString() == evidenceId))
            .Select(a => (JsonElement?)a)
            .FirstOrDefault();

    private static string Event(string type, string id, DateTime time, string channel, JsonObject data, string customerId, string? sessionId)
    {
        var e = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = channel == "call" ? "cc/genesys" : "web/shop",
            ["type"] = type,
            ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["customerid"] = customerId,
            ["channel"] = channel,
            ["data"] = data,
        };
        if (sessionId is not null)
        {
            e["sessionid"] = sessionId;
        }

        return e.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
