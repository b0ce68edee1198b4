using System.Net;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>Issue 12's findings through <c>POST /api/events</c>: an unrepresentable event is rejected at the edge, per event.</summary>
public sealed class CollectTotalityTests
{
    [Theory]
    [MemberData(nameof(HostileEvents.Kinds), MemberType = typeof(HostileEvents))]
    public async Task Collect_OneUnrepresentableEvent_AcceptsTheOthersAndRejectsIt(string kind)
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var body = RawBatch(Click("c-1"), HostileEvents.Build(kind, "c-bad", "cust-1", Now), Click("c-2"));

        using var response = await PostAsync(app, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        var rejected = json.GetProperty("results")[1];
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("invalid", rejected.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(HostileEvents.Kinds), MemberType = typeof(HostileEvents))]
    public async Task Collect_OnlyUnrepresentableEvent_Answers400WithItsResult(string kind)
    {
        await using var app = Create(new RecordingEventPublisher());

        using var response = await PostAsync(app, RawBatch(HostileEvents.Build(kind, "c-bad", "cust-1", Now)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(1, json.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task Collect_SentAtWithLoneSurrogate_Answers400()
    {
        await using var app = Create(new RecordingEventPublisher());

        using var response = await PostAsync(app, Batch([Click("c-1")], sentAt: "MARK").Replace("MARK", "\\ud800", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Collect_EventWithDuplicateKeys_RejectedOnItsOwn()
    {
        await using var app = Create(new RecordingEventPublisher());

        using var response = await PostAsync(app, RawBatch(Click("c-1"), "{\"id\":\"c-dup\"," + Click("c-dup")[1..]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await JsonAsync(response)).GetProperty("results");
        Assert.Equal("malformed", results[1].GetProperty("reason").GetString());
    }

    // Built as text: a JsonNode cannot hold the lone surrogates these events carry.
    private static string RawBatch(params string[] events) => "{\"events\":[" + string.Join(",", events) + "]}";
}
