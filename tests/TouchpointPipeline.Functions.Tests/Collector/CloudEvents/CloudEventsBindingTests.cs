using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector.CloudEvents;

/// <summary>
/// The CloudEvents HTTP protocol binding at <c>POST /api/events</c>, driven by the official CloudEvents SDK
/// (CloudNative.CloudEvents + its System.Text.Json formatter) in all three modes, against the real app whose publisher
/// feeds the real ingest pipeline, so every accepted event is read back from the timeline API.
/// </summary>
public sealed class CloudEventsBindingTests
{
    public static TheoryData<string> Modes { get; } = ["structured", "batched", "binary"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Collect_SdkEventsInEachMode_LandInTheTimelineAsIfSentInTheEnvelope(string mode)
    {
        string[] events = [Click("ce-click-1", "cust-ce"), Click("ce-click-2", "cust-ce"), TestEvents.AnonymousPageView("ce-view-1", "visitor-ce", Now)];
        await using var envelopeApp = FeedingApp();
        await using var cloudEventsApp = FeedingApp();
        using (var envelope = await PostAsync(envelopeApp, Batch(events)))
        {
            Assert.Equal(HttpStatusCode.Accepted, envelope.StatusCode);
        }

        var cloudEvents = events.Select(SdkCloudEvents.From).ToList();
        var contents = mode switch
        {
            "structured" => cloudEvents.Select(SdkCloudEvents.Structured).ToList(),
            "binary" => cloudEvents.Select(SdkCloudEvents.Binary).ToList(),
            _ => [SdkCloudEvents.Batched(cloudEvents)],
        };
        foreach (var content in contents)
        {
            using var response = await SendAsync(cloudEventsApp, content);
            var body = await JsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
            Assert.Equal(0, body.GetProperty("rejected").GetInt32());
        }

        foreach (var customerKey in new[] { "cust-ce", "anon:visitor-ce" })
        {
            var expected = Comparable(await envelopeApp.ReadTimelineAsync(customerKey));
            var actual = Comparable(await cloudEventsApp.ReadTimelineAsync(customerKey));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Collect_BatchWithBadCloudEvents_RejectsEachWithItsFieldAndKeepsTheRest()
    {
        var good = new[] { Click("ce-good-1", "cust-bad"), Click("ce-good-2", "cust-bad") };
        var cloudEvents = new[] { good[0], Click("ce-no-id", "cust-bad"), Click("ce-old-spec", "cust-bad"), Click("ce-text", "cust-bad"),
            Click("ce-no-source", "cust-bad"), Click("ce-base64", "cust-bad"), Click("ce-no-type", "cust-bad"), good[1] }.Select(SdkCloudEvents.From).ToList();
        var body = SdkCloudEvents.BatchJson(cloudEvents, (i, e) =>
        {
            switch (i)
            {
                case 1: e.Remove("id"); break;
                case 2: e["specversion"] = "0.3"; break;
                case 3: e["datacontenttype"] = "text/plain"; e["data"] = "pay clicked"; break;
                case 4: e.Remove("source"); break;
                case 5: e.Remove("data"); e["data_base64"] = Convert.ToBase64String("{}"u8); break;
                case 6: e.Remove("type"); break;
            }

            return e;
        });
        await using var app = FeedingApp();

        using var response = await SendAsync(app, new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));

        var json = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        var results = json.GetProperty("results").EnumerateArray().Select(r => (
            Id: r.GetProperty("id").GetString(), Status: r.GetProperty("status").GetString(),
            Reason: r.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
            Field: r.TryGetProperty("field", out var field) ? field.GetString() : null)).ToList();
        Assert.Equal(
        [
            ("ce-good-1", "accepted", null, null),
            (null, "rejected", "missing_id", "id"),
            ("ce-old-spec", "rejected", "invalid", "specversion"),
            ("ce-text", "rejected", "invalid", "datacontenttype"),
            ("ce-no-source", "rejected", "invalid", "source"),
            ("ce-base64", "rejected", "invalid", "data_base64"),
            ("ce-no-type", "rejected", "invalid", "type"),
            ("ce-good-2", "accepted", null, null),
        ], results);
        Assert.All(json.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "rejected"),
            r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        var timeline = await app.ReadTimelineAsync("cust-bad");
        Assert.Equal(["ce-good-1", "ce-good-2"], timeline.Select(t => t.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string, string> BadBinaryEvents { get; } = new()
    {
        { "text body", "text/plain", "datacontenttype" },
        { "no ce-specversion", "application/json", "specversion" },
        { "wrong ce-specversion", "application/json", "specversion" },
        { "attribute name with underscore", "application/json", "customer_id" },
        { "body not JSON", "application/json", "data" },
    };

    [Theory]
    [MemberData(nameof(BadBinaryEvents))]
    public async Task Collect_BadBinaryModeEvent_AnswersBadRequestNamingTheField(string scenario, string contentType, string field)
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var content = new StringContent(scenario == "body not JSON" || scenario == "text body" ? "pay clicked" : "{\"url\":\"https://shop.example/\"}", Encoding.UTF8, contentType);
        AddBinaryHeaders(content, specVersion: scenario switch { "no ce-specversion" => null, "wrong ce-specversion" => "0.3", _ => "1.0" });
        if (scenario == "attribute name with underscore")
        {
            content.Headers.Remove("ce-customerid");
            content.Headers.Add("ce-customer_id", "cust-1");
        }

        using var response = await SendAsync(app, content);

        var json = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No event accepted", json.GetProperty("title").GetString());
        var result = json.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("ce-binary-1", result.GetProperty("id").GetString());
        Assert.Equal(field, result.GetProperty("field").GetString());
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Collect_BinaryModeWithPercentEncodedHeaders_DecodesTheValues()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var content = new StringContent("{\"url\":\"https://shop.example/\"}", Encoding.UTF8, "application/json");
        AddBinaryHeaders(content, specVersion: "1.0");
        content.Headers.Remove("ce-customerid");
        content.Headers.Add("ce-customerid", "Jos%C3%A9%20Garc%C3%ADa");

        using var response = await SendAsync(app, content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = JsonDocument.Parse(publisher.Published.Single().Body).RootElement;
        Assert.Equal("José García", published.GetProperty("customerid").GetString());
        Assert.Equal("application/json; charset=utf-8", published.GetProperty("datacontenttype").GetString());
        Assert.Equal("https://shop.example/", published.GetProperty("data").GetProperty("url").GetString());
    }

    public static TheoryData<string, string, HttpStatusCode, string> RequestScenarios { get; } = new()
    {
        { "xml event format", "application/cloudevents+xml", HttpStatusCode.UnsupportedMediaType, "Unsupported CloudEvents format" },
        { "structured body is an array", "application/cloudevents+json", HttpStatusCode.BadRequest, "Unreadable batch" },
        { "batch body is an object", "application/cloudevents-batch+json", HttpStatusCode.BadRequest, "Unreadable batch" },
        { "structured body not JSON", "application/cloudevents+json", HttpStatusCode.BadRequest, "Unreadable batch" },
        { "no write key", "application/cloudevents+json", HttpStatusCode.Unauthorized, "Missing or unknown write key" },
        { "key for other sources", "application/cloudevents+json", HttpStatusCode.Forbidden, "Write key not issued for these sources" },
        { "501 events", "application/cloudevents-batch+json", HttpStatusCode.RequestEntityTooLarge, "Batch too large" },
    };

    [Theory]
    [MemberData(nameof(RequestScenarios))]
    public async Task Collect_CloudEventsRequestScenario_AnswersTheContractStatus(string scenario, string contentType, HttpStatusCode status, string title)
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var body = scenario switch
        {
            "structured body is an array" or "batch body is an object" when contentType.Contains("batch", StringComparison.Ordinal) => Click("e-1"),
            "structured body is an array" => "[" + Click("e-1") + "]",
            "structured body not JSON" => "id=e-1",
            "501 events" => "[" + string.Join(',', Enumerable.Range(0, 501).Select(i => Click($"e-{i}"))) + "]",
            _ => Click("e-1"),
        };
        var key = scenario switch { "no write key" => null, "key for other sources" => ContactCentreKey, _ => WebKey };

        using var response = await SendAsync(app, new StringContent(body, Encoding.UTF8, contentType), key);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, (await JsonAsync(response)).GetProperty("title").GetString());
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Collect_EmptyCloudEventsBatch_AcceptsNothingWithoutError()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await SendAsync(app, new StringContent("[]", Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, (await JsonAsync(response)).GetProperty("results").GetArrayLength());
        Assert.Equal(0, publisher.Calls);
    }

    [Fact]
    public async Task Collect_StructuredEventWithoutSentAt_FillsUserAgentAndKeepsTheBytesAsSent()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);
        var cloudEvent = SdkCloudEvents.From(Click("ce-ua-1"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = SdkCloudEvents.Structured(cloudEvent) };
        request.Headers.Add("X-Touchpoint-Write-Key", WebKey);
        request.Headers.TryAddWithoutValidation("User-Agent", "Dapr/1.14");

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = JsonDocument.Parse(publisher.Published.Single().Body).RootElement;
        Assert.Equal("Dapr/1.14", published.GetProperty("useragent").GetString());
        Assert.False(published.TryGetProperty("sentat", out _));
        Assert.Equal("clickstream", publisher.Published.Single().Hub);
        Assert.Equal("cust-1", publisher.Published.Single().PartitionKey);
    }

    [Fact]
    public async Task CollectPreflight_WebhookValidationRequest_AllowsTheOrigin()
    {
        await using var app = Create(new RecordingEventPublisher());
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    private static PipelineAppFactory FeedingApp() =>
        new(services => services.AddSingleton<IEventPublisher>(sp => new PipelineFeedingPublisher(sp)), Settings());

    private static async Task<HttpResponseMessage> SendAsync(PipelineAppFactory app, HttpContent content, string? key = WebKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Touchpoint-Write-Key", key);
        }

        return await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static void AddBinaryHeaders(HttpContent content, string? specVersion)
    {
        if (specVersion is not null)
        {
            content.Headers.Add("ce-specversion", specVersion);
        }

        content.Headers.Add("ce-id", "ce-binary-1");
        content.Headers.Add("ce-source", "web/shop");
        content.Headers.Add("ce-type", "page.viewed");
        content.Headers.Add("ce-time", Now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        content.Headers.Add("ce-customerid", "cust-1");
        content.Headers.Add("ce-channel", "web");
    }

    /// <summary>A timeline without the fields that record when it was received (they differ between two apps).</summary>
    private static List<string> Comparable(IReadOnlyList<JsonElement> items) =>
        [.. items.Select(item =>
        {
            var node = JsonNode.Parse(item.GetRawText())!.AsObject();
            node.Remove("receivedAt");
            node.Remove("enqueuedTime");
            return node.ToJsonString();
        }).Order(StringComparer.Ordinal)];
}
