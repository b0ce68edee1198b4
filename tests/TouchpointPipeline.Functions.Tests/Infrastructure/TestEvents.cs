using System.Globalization;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>Valid touchpoint bodies for the tests; times default to just before <see cref="EventHubPayloads.DefaultEnqueued"/>.</summary>
internal static class TestEvents
{
    public static string Click(string id, string customerId, DateTime? time = null, string selector = "#pay") =>
        new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "web/shop",
            ["type"] = "element.clicked",
            ["time"] = Iso(time ?? EventHubPayloads.DefaultEnqueued.AddSeconds(-5)),
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
            ["time"] = Iso(time ?? EventHubPayloads.DefaultEnqueued.AddSeconds(-3)),
            ["anonymousid"] = anonymousId,
            ["channel"] = "app",
            ["data"] = new JsonObject { ["url"] = "app://home" },
        }.ToJsonString();

    /// <summary>Any event; null attributes are left out, as the SDKs do.</summary>
    public static string Build(
        string type, string id, DateTime time, string channel, JsonObject data,
        string? customerId = null, string? anonymousId = null, string? sessionId = null, DateTime? sentAt = null)
    {
        var e = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = channel is "call" ? "cc/genesys" : channel is "chat" ? "web/chat" : "web/shop",
            ["type"] = type,
            ["time"] = Iso(time),
            ["channel"] = channel,
            ["data"] = data,
        };
        if (customerId is not null)
        {
            e["customerid"] = customerId;
        }

        if (anonymousId is not null)
        {
            e["anonymousid"] = anonymousId;
        }

        if (sessionId is not null)
        {
            e["sessionid"] = sessionId;
        }

        if (sentAt is { } sent)
        {
            e["sentat"] = Iso(sent);
        }

        return e.ToJsonString();
    }

    public static string AnonymousClick(string id, string anonymousId, DateTime time) =>
        Build("element.clicked", id, time, "web", new JsonObject { ["selector"] = "#buy", ["x"] = 1, ["y"] = 2, ["url"] = "https://shop.example/p/1" }, anonymousId: anonymousId);

    public static string Identified(string id, string anonymousId, string customerId, DateTime time) =>
        Build("customer.identified", id, time, "web", new JsonObject { ["method"] = "login" }, customerId: customerId, anonymousId: anonymousId);

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
