using System.Globalization;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// The drill's events: per customer a rage click (three clicks on one element within a second: the streaming
/// <c>rage-click</c> alert), two page views, and a payment failure whose 30-minute window has already passed (the
/// sweep's <c>checkout-abandoned-after-error</c> alert); per wave a few events that break their schema (quarantined).
/// </summary>
internal static class DrillTraffic
{
    public static readonly string[] ExpectedRules = ["rage-click", "checkout-abandoned-after-error"];

    public static IReadOnlyList<(string Key, string Body, string Id, bool Valid)> Wave(int wave, int customers, int invalid, DateTimeOffset now)
    {
        var events = new List<(string, string, string, bool)>();
        for (var c = 0; c < customers; c++)
        {
            var customer = Customer(wave, c);
            var at = now.AddSeconds(-20);
            for (var i = 0; i < 3; i++)
            {
                events.Add(Valid(customer, $"{customer}-click-{i}", "element.clicked", at.AddMilliseconds(200 * i),
                    new Dictionary<string, object> { ["selector"] = "#pay", ["x"] = 100, ["y"] = 40, ["url"] = "https://shop.example/checkout" }));
            }

            for (var i = 0; i < 2; i++)
            {
                events.Add(Valid(customer, $"{customer}-view-{i}", "page.viewed", at.AddSeconds(-5 + i),
                    new Dictionary<string, object> { ["url"] = $"https://shop.example/p/{i}" }));
            }

            events.Add(Valid(customer, $"{customer}-payfail", "payment.failed", now.AddMinutes(-40),
                new Dictionary<string, object> { ["code"] = "card_declined" }));
        }

        for (var i = 0; i < invalid; i++)
        {
            var id = $"drill-w{wave}-bad-{i}";
            var body = Body(id, "element.clicked", now, "pigeon", $"drill-w{wave}-bad", new Dictionary<string, object> { ["selector"] = "#x", ["x"] = 1, ["y"] = 1, ["url"] = "https://shop.example/" });
            events.Add(($"drill-w{wave}-bad", body, id, false));
        }

        return events;
    }

    public static string Customer(int wave, int index) => string.Create(CultureInfo.InvariantCulture, $"drill-w{wave}-c{index:D2}");

    private static (string, string, string, bool) Valid(string customer, string id, string type, DateTimeOffset time, Dictionary<string, object> data) =>
        (customer, Body(id, type, time, "web", customer, data), id, true);

    private static string Body(string id, string type, DateTimeOffset time, string channel, string customer, Dictionary<string, object> data) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "web/shop",
            ["type"] = type,
            ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["customerid"] = customer,
            ["channel"] = channel,
            ["data"] = data,
        });
}
