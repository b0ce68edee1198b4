using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Event bodies that are valid JSON but that .NET cannot represent, each the shape of a finding of issue 12: a lone
/// UTF-16 surrogate escape where .NET reads strings, a time/sentat pair whose arithmetic leaves the calendar, a number
/// beyond <see cref="double"/>. Built as text because a JsonObject cannot hold a lone surrogate.
/// </summary>
internal static class HostileEvents
{
    private const string LoneSurrogate = "\\ud800";

    public static IEnumerable<TheoryDataRow<string>> Kinds() =>
        ["surrogate-id", "surrogate-source", "surrogate-data", "surrogate-name", "sentat-overflow", "sentat-underflow", "huge-number"];

    /// <summary>A click for <paramref name="customerId"/> broken the given way, built around <paramref name="time"/>.</summary>
    public static string Build(string kind, string id, string customerId, DateTime time)
    {
        var node = JsonNode.Parse(TestEvents.Click(id, customerId, time))!.AsObject();
        switch (kind)
        {
            case "sentat-overflow":
                node["time"] = "0001-01-01T00:00:00Z";
                node["sentat"] = "9999-12-31T23:59:59Z";
                return node.ToJsonString();
            case "sentat-underflow":
                node["time"] = "9999-12-31T23:59:59Z";
                node["sentat"] = "0001-01-01T00:00:00Z";
                return node.ToJsonString();
            case "huge-number":
                node["data"]!["amount"] = "HUGE";
                return node.ToJsonString().Replace("\"HUGE\"", "1e400", StringComparison.Ordinal);
            case "surrogate-id":
                node["id"] = id + "MARK";
                break;
            case "surrogate-source":
                node["source"] = "web/shopMARK";
                break;
            case "surrogate-data":
                node["data"]!["note"] = "MARK";
                break;
            case "surrogate-name":
                node["data"]!["MARK"] = "x";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind");
        }

        return node.ToJsonString().Replace("MARK", LoneSurrogate, StringComparison.Ordinal);
    }
}
