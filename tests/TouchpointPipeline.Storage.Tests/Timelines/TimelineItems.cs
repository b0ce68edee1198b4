using System.Text;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>Builds timeline items for the store tests.</summary>
internal static class TimelineItems
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static string NewCustomerKey() => $"cust-{Guid.NewGuid():N}";

    public static TimelineItem Create(
        string customerKey,
        string id,
        DateTimeOffset? time = null,
        string data = """{"url":"https://example.test/"}""",
        SourcePosition? position = null) => new()
    {
        CustomerKey = customerKey,
        Id = id,
        Type = EventTypes.PageViewed,
        Channel = Channel.Web,
        Source = "/web/shop",
        Time = time ?? BaseTime,
        ReceivedAt = (time ?? BaseTime).AddSeconds(2),
        DeviceTime = (time ?? BaseTime).AddSeconds(-3),
        CustomerId = customerKey,
        AnonymousId = null,
        SessionId = "s-1",
        Data = Encoding.UTF8.GetBytes(data),
        Position = position ?? new SourcePosition("clickstream", "3", "4096", 17, BaseTime.AddSeconds(1), customerKey),
    };

    /// <summary><paramref name="count"/> items one minute apart, oldest first, ids <c>e000</c>, <c>e001</c>, …</summary>
    public static TimelineItem[] Series(string customerKey, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Create(customerKey, $"e{i:D3}", BaseTime.AddMinutes(i)))];

    public static void AssertSame(TimelineItem expected, TimelineItem actual)
    {
        Assert.Equal(expected with { Data = default, Enrichment = default }, actual with { Data = default, Enrichment = default });
        Assert.Equal(Encoding.UTF8.GetString(expected.Enrichment.Span), Encoding.UTF8.GetString(actual.Enrichment.Span));
        Assert.Equal(Encoding.UTF8.GetString(expected.Data.Span), Encoding.UTF8.GetString(actual.Data.Span));
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }
}
