using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class CollectBehaviourTests
{
    [Fact]
    public async Task Collect_BatchWithBadEvents_AcceptsTheGoodOnesWithPerEventReasonsInRequestOrder()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var noId = JsonNode.Parse(Click("x"))!.AsObject();
        noId.Remove("id");
        var noSelector = Click("bad-selector").Replace("\"selector\":\"#pay\",", string.Empty, StringComparison.Ordinal);
        var tooLarge = Click("big").Replace("\"text\":\"", "\"text\":\"" + new string('x', 33 * 1024), StringComparison.Ordinal);
        var late = TestEvents.Click("late", "cust-1", DateTime.UtcNow.AddDays(-4));
        var body = Batch([Click("ok-1"), noId.ToJsonString(), noSelector, tooLarge, late, Click("other-source", source: "cc/genesys"), "42", Click("ok-2")]);

        using var response = await PostAsync(app, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        Assert.Equal(6, json.GetProperty("rejected").GetInt32());
        var results = json.GetProperty("results").EnumerateArray().Select(r => (
            Id: r.GetProperty("id").GetString(),
            Status: r.GetProperty("status").GetString(),
            Reason: r.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
            Field: r.TryGetProperty("field", out var field) ? field.GetString() : null)).ToList();
        Assert.Equal(
            [
                ("ok-1", "accepted", null, null),
                (null, "rejected", "missing_id", "id"),
                ("bad-selector", "rejected", "invalid", "data.selector"),
                ("big", "rejected", "too_large", "$"),
                ("late", "rejected", "late", "time"),
                ("other-source", "rejected", "source_not_allowed", "source"),
                (null, "rejected", "invalid", "$"),
                ("ok-2", "accepted", null, null),
            ],
            results);
        Assert.Equal(["ok-1", "ok-2"], publisher.Published.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Collect_NoEventAccepted_400CarriesThePerEventResults()
    {
        await using var app = Create(new RecordingEventPublisher());

        using var response = await PostAsync(app, Batch(["{\"id\":\"bad-1\",\"source\":\"web/shop\"}"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(0, json.GetProperty("accepted").GetInt32());
        Assert.Equal(1, json.GetProperty("rejected").GetInt32());
        Assert.Equal("bad-1", json.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal("invalid", json.GetProperty("results")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Collect_EachChannel_PublishedToItsHubWithTheCustomerKeyAsPartitionKey()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Call("call-e", "cust-7"), Chat("chat-e", "visitor-3"), TestEvents.Build("chat.ended", "chat-e2", Now, "chat", new JsonObject { ["chatId"] = "c" }, customerId: "cust-8")]), ContactCentreKey);
        using var web = await PostAsync(app, Batch([Click("web-e", "cust-9"), TestEvents.AnonymousPageView("app-e", "device-4", Now)]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, web.StatusCode);
        Assert.Equal(
            [("calls", "cust-7"), ("chats", "anon:visitor-3"), ("chats", "cust-8"), ("clickstream", "cust-9"), ("clickstream", "anon:device-4")],
            publisher.Published.Select(m => (m.Hub, m.PartitionKey)));
    }

    [Fact]
    public async Task Collect_HubNameSettings_RouteToTheConfiguredHubs()
    {
        var publisher = new RecordingEventPublisher();
        var settings = Settings();
        settings["CallsHubName"] = "calls-eu";
        await using var app = new PipelineAppFactory(services => services.AddSingleton<IEventPublisher>(publisher), settings);

        using var response = await PostAsync(app, Batch([Call("call-e")]), ContactCentreKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("calls-eu", Assert.Single(publisher.Published).Hub);
    }

    [Fact]
    public async Task Collect_BatchSentAtAndUserAgent_FilledOnlyWhereTheEventHasNone()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var own = JsonNode.Parse(Click("own"))!;
        own["sentat"] = TestEvents.Iso(Now);
        own["useragent"] = "OwnAgent/1.0";
        var sentAt = TestEvents.Iso(DateTime.UtcNow);

        using var response = await PostAsync(app, Batch([Click("bare"), own.ToJsonString()], sentAt), userAgent: "Mozilla/5.0 \"quoted\" (X11; Linux x86_64)");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var bodies = publisher.Published.Select(m => JsonDocument.Parse(m.Body).RootElement).ToList();
        Assert.Equal(sentAt, bodies[0].GetProperty("sentat").GetString());
        Assert.Equal("Mozilla/5.0 \"quoted\" (X11; Linux x86_64)", bodies[0].GetProperty("useragent").GetString());
        Assert.Equal(own["sentat"]!.GetValue<string>(), bodies[1].GetProperty("sentat").GetString());
        Assert.Equal("OwnAgent/1.0", bodies[1].GetProperty("useragent").GetString());
        Assert.Equal(own.ToJsonString(), Encoding.UTF8.GetString(publisher.Published.Last().Body.Span));
    }

    [Theory]
    [InlineData(CollectorApp.Origin, true)]
    [InlineData("https://evil.example", false)]
    public async Task Collect_Preflight_AllowsOnlyConfiguredOrigins(string origin, bool allowed)
    {
        await using var app = Create(new RecordingEventPublisher());
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-touchpoint-write-key");

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        if (allowed)
        {
            Assert.Contains("x-touchpoint-write-key", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Collect_PostFromAllowedOrigin_CarriesAllowOrigin()
    {
        await using var app = Create(new RecordingEventPublisher());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(Batch([Click("e-1")]), Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", CollectorApp.Origin);
        request.Headers.Add("X-Touchpoint-Write-Key", WebKey);

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(CollectorApp.Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Collect_PublisherFailsThenCallerRetries_EveryEventLandsInTheTimelineOnce()
    {
        PipelineFeedingPublisher? publisher = null;
        await using var app = new PipelineAppFactory(
            services => services.AddSingleton<IEventPublisher>(sp => publisher = new PipelineFeedingPublisher(sp) { FailNext = 2 }),
            Settings());
        var body = Batch(Enumerable.Range(0, 20).Select(i => Click($"retry-{i:D2}", "cust-retry")));

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await PostAsync(app, body);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
        var timeline = await app.ReadTimelineAsync("cust-retry");
        Assert.Equal(20, timeline.Count);
        Assert.Equal(20, timeline.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(40, publisher!.PublishedByHub["clickstream"]);
    }
}
