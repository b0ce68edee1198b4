using System.Globalization;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>A valid <c>element.clicked</c> event body, as the browser SDK sends it, for tests that drive the real app.</summary>
internal static class TestClicks
{
    public static string Click(string id, string customer, DateTimeOffset time) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = "web/shop",
        ["type"] = "element.clicked",
        ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["customerid"] = customer,
        ["channel"] = "web",
        ["data"] = new Dictionary<string, object> { ["selector"] = "#pay", ["x"] = 10, ["y"] = 20, ["url"] = "https://shop.example/checkout" },
    });
}
