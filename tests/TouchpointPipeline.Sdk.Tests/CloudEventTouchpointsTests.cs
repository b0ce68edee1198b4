using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using TouchpointPipeline.Sdk.CloudEvents;

namespace TouchpointPipeline.Sdk.Tests;

/// <summary>The CloudEvents adapter: a CloudNative.CloudEvents <see cref="CloudEvent"/> sent as it is.</summary>
public sealed class CloudEventTouchpointsTests
{
    private const string WriteKey = "sdk-cloudevents-key-0123456789";

    private static CloudEvent Click(string id, string source = "web/shop")
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = "element.clicked",
            Time = DateTimeOffset.UtcNow.AddSeconds(-1),
            Subject = "/checkout",
            DataContentType = "application/json",
            Data = new JsonObject { ["selector"] = "#pay", ["x"] = 10, ["y"] = 20, ["url"] = "https://shop.example/checkout" },
        };
        cloudEvent.SetAttributeFromString("customerid", "cust-ce");
        cloudEvent.SetAttributeFromString("sessionid", "s-1");
        cloudEvent.SetAttributeFromString("channel", "web");
        return cloudEvent;
    }

    [Fact]
    public void ToTouchpointEvent_CloudEvent_KeepsIdSourceAndAttributes()
    {
        var cloudEvent = Click("ce-0001", source: "web/other");

        var touchpoint = cloudEvent.ToTouchpointEvent();

        var json = JsonDocument.Parse(touchpoint.ToJson("web/client-source")).RootElement;
        Assert.Equal("ce-0001", json.GetProperty("id").GetString());
        Assert.Equal("web/other", json.GetProperty("source").GetString());
        Assert.Equal("element.clicked", json.GetProperty("type").GetString());
        Assert.Equal("cust-ce", json.GetProperty("customerid").GetString());
        Assert.Equal("s-1", json.GetProperty("sessionid").GetString());
        Assert.Equal("web", json.GetProperty("channel").GetString());
        Assert.Equal("/checkout", json.GetProperty("subject").GetString());
        Assert.Equal("#pay", json.GetProperty("data").GetProperty("selector").GetString());
        Assert.Equal(cloudEvent.Time!.Value, DateTimeOffset.Parse(json.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> Broken { get; } = ["no channel", "unknown channel", "no time", "text data", "array data"];

    [Theory]
    [MemberData(nameof(Broken))]
    public void ToTouchpointEvent_EventThePipelineCannotTake_ThrowsArgumentException(string broken)
    {
        var cloudEvent = Click("ce-0002");
        switch (broken)
        {
            case "no channel": cloudEvent["channel"] = null; break;
            case "unknown channel": cloudEvent.SetAttributeFromString("channel", "fax"); break;
            case "no time": cloudEvent.Time = null; break;
            case "text data": cloudEvent.DataContentType = "text/plain"; cloudEvent.Data = "clicked"; break;
            case "array data": cloudEvent.Data = new JsonArray(1, 2); break;
        }

        var error = Assert.Throws<ArgumentException>(() => cloudEvent.ToTouchpointEvent());

        Assert.Equal("cloudEvent", error.ParamName);
    }

    [Fact]
    public async Task TrackAsync_CloudEventsThroughTheRealCollector_LandInTheTimelineWithTheirIds()
    {
        await using var app = new PipelineAppFactory(
            services => services.AddSingleton<IEventPublisher>(sp => new PipelineFeedingPublisher(sp)),
            new Dictionary<string, string?> { ["Collector:WriteKeys:shop:Key"] = WriteKey, ["Collector:WriteKeys:shop:Sources:0"] = "web/shop", ["Collector:WriteKeys:shop:Kind"] = "Browser" });
        var options = new TouchpointClientOptions { Transport = app.Server.CreateHandler() };

        await using (var client = new TouchpointClient(app.Server.BaseAddress, WriteKey, "web/shop", options))
        {
            Assert.True(await client.TrackAsync(Click("ce-0003"), TestContext.Current.CancellationToken));
            Assert.True(await client.TrackAsync(Click("ce-0004"), TestContext.Current.CancellationToken));
        }

        var timeline = await app.ReadTimelineAsync("cust-ce");
        Assert.Equal(["ce-0003", "ce-0004"], timeline.Select(t => t.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(timeline, t => Assert.Equal("s-1", t.GetProperty("sessionId").GetString()));
    }
}
