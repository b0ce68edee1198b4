using System.Globalization;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>Valid touchpoint bodies for the tests; times default to just before <see cref="HostPayloads.DefaultEnqueued"/>.</summary>
internal static class TestEvents
{
    public static string Click(string id, string customerId, DateTime? time = null, string selector = "#pay") =>
        new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "web/shop",
            ["type"] = "element.clicked",
            ["time"] = Iso(time ?? HostPayloads.DefaultEnqueued.AddSeconds(-5)),
            ["customerid"] = customerId,
            ["sessionid"] = "s-1",
            ["channel"] = "web",
            ["data"] = new JsonObject { ["selector"] = selector, ["x"] = 120, ["y"] = 48.5, ["url"] = "https://shop.example/checkout", ["text"] = "Pay – €10 ✓" },
        }.ToJsonString();

    public static string AnonymousPageView(string id, string anonymousId, DateTime? time = null) =>
        new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "app/ios",
            ["type"] = "page.viewed",
            ["time"] = Iso(time ?? HostPayloads.DefaultEnqueued.AddSeconds(-3)),
            ["anonymousid"] = anonymousId,
            ["channel"] = "app",
            ["data"] = new JsonObject { ["url"] = "app://home" },
        }.ToJsonString();

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
