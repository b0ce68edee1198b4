using System.Net;
using System.Text;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>Every status of the collector contract, one row each; the publisher records what was confirmed.</summary>
public sealed class CollectStatusTests
{
    private sealed record Scenario(Func<string> Body, string? Key, HttpStatusCode Status, string? Problem, int Published, string ContentType = "application/json", string? Query = null);

    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["all valid"] = new(() => Batch([Click("e-1"), Click("e-2")]), WebKey, HttpStatusCode.Accepted, null, 2),
        ["some invalid"] = new(() => Batch([Click("e-1"), "{\"id\":\"bad\"}"]), WebKey, HttpStatusCode.Accepted, null, 1),
        ["text/plain from sendBeacon, key in the query"] = new(() => Batch([Click("e-1")]), null, HttpStatusCode.Accepted, null, 1, "text/plain", "?writeKey=" + WebKey),
        ["not json"] = new(() => "events=1", WebKey, HttpStatusCode.BadRequest, "Unreadable batch", 0),
        ["json array instead of object"] = new(() => "[" + Click("e-1") + "]", WebKey, HttpStatusCode.BadRequest, "Unreadable batch", 0),
        ["events not an array"] = new(() => "{\"events\":{}}", WebKey, HttpStatusCode.BadRequest, "Unreadable batch", 0),
        ["sentAt not a date"] = new(() => Batch([Click("e-1")], sentAt: "soon"), WebKey, HttpStatusCode.BadRequest, "Unreadable batch", 0),
        ["empty events"] = new(() => "{\"events\":[]}", WebKey, HttpStatusCode.BadRequest, "Unreadable batch", 0),
        ["none accepted"] = new(() => Batch(["{\"id\":\"bad-1\"}", "{\"id\":\"bad-2\",\"source\":\"web/shop\"}"]), WebKey, HttpStatusCode.BadRequest, "No event accepted", 0),
        ["no key"] = new(() => Batch([Click("e-1")]), null, HttpStatusCode.Unauthorized, "Missing or unknown write key", 0),
        ["unknown key"] = new(() => Batch([Click("e-1")]), "not-a-key-0123456789", HttpStatusCode.Unauthorized, "Missing or unknown write key", 0),
        ["key for other sources"] = new(() => Batch([Click("e-1"), Click("e-2")]), ContactCentreKey, HttpStatusCode.Forbidden, "Write key not issued for these sources", 0),
        ["501 events"] = new(() => Batch(Enumerable.Range(0, 501).Select(i => Click($"e-{i}"))), WebKey, HttpStatusCode.RequestEntityTooLarge, "Batch too large", 0),
        ["body over 1 MB"] = new(() => Batch(Enumerable.Range(0, 40).Select(i => Click($"e-{i}").Replace("\"text\":\"", "\"text\":\"" + new string('x', 30_000), StringComparison.Ordinal))), WebKey, HttpStatusCode.RequestEntityTooLarge, "Batch too large", 0),
    };

    public static TheoryData<string> Names { get; } = [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Collect_Scenario_AnswersTheContractStatus(string name)
    {
        var scenario = Scenarios[name];
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, scenario.Body(), scenario.Key, scenario.ContentType, query: scenario.Query);

        Assert.Equal(scenario.Status, response.StatusCode);
        Assert.Equal(scenario.Published, publisher.Published.Count);
        if (scenario.Problem is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(scenario.Problem, (await JsonAsync(response)).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Collect_ChunkedBodyOverTheLimit_Answers413WhileReading()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var body = Encoding.UTF8.GetBytes(Batch([Click("e-1").Replace("\"text\":\"", "\"text\":\"" + new string('x', 1_100_000), StringComparison.Ordinal)]));
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Touchpoint-Write-Key", WebKey);

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Collect_OverTheKeysRateLimit_Answers429WithRetryAfterAndOtherKeysStillPass()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher, tokenLimit: 2);

        using var first = await PostAsync(app, Batch([Click("e-1")]));
        using var second = await PostAsync(app, Batch([Click("e-2")]));
        using var third = await PostAsync(app, Batch([Click("e-3")]));
        using var otherKey = await PostAsync(app, Batch([Call("c-1")]), ContactCentreKey);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        Assert.True(third.Headers.RetryAfter!.Delta!.Value >= TimeSpan.FromSeconds(1));
        Assert.Equal("Rate limit exceeded", (await JsonAsync(third)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Accepted, otherKey.StatusCode);
    }

    [Fact]
    public async Task Collect_PublisherFails_Answers503WithRetryAfterAndNothingCountsAsAccepted()
    {
        var publisher = new RecordingEventPublisher { FailNext = 1 };
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Click("e-1"), Click("e-2")]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await JsonAsync(response);
        Assert.False(problem.TryGetProperty("accepted", out _));
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Collect_SomeBatchesNotAccepted_Answers503WithPerEventResults()
    {
        var publisher = new RecordingEventPublisher { Refuse = [1] };
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Click("e-1"), "{\"id\":\"bad\"}", Click("e-2")]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(1, problem.GetProperty("accepted").GetInt32());
        var results = problem.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("id").GetString(), r.GetProperty("status").GetString(), r.TryGetProperty("reason", out var reason) ? reason.GetString() : null)).ToList();
        Assert.Equal(("e-1", "accepted", null), results[0]);
        Assert.Equal(("bad", "rejected"), (results[1].Item1, results[1].Item2));
        Assert.Equal(("e-2", "rejected", "not_published"), results[2]);
        Assert.Single(publisher.Published);
    }

    [Fact]
    public async Task Collect_NoPublisherConfigured_Answers503NamingTheSettingsWhileIngestStillWorks()
    {
        await using var app = new PipelineAppFactory(settings: Settings());

        using var response = await PostAsync(app, Batch([Click("e-1")]));
        using var ingest = await app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([TestEvents.Click("i-1", "cust-9")]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no publisher configured: set EventHubConnection (a connection string, or EventHubConnection__fullyQualifiedNamespace)", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
    }
}
