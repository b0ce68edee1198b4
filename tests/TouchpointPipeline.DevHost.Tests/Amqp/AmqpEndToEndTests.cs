using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.DevHost.Amqp;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Amqp;

/// <summary>The real function app under the dev host, fed by the real <see cref="EventHubProducerClient"/> over AMQP.</summary>
public sealed class AmqpEndToEndTests
{
    [Fact]
    public async Task SendAsync_RealApp_KeyedEventsReachTheTimeline()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var connectionString = host.Services.GetRequiredService<AmqpEndpoint>().ConnectionString;
        await using var producer = new EventHubProducerClient(connectionString, "clickstream");
        var now = DateTimeOffset.UtcNow;
        var customers = new[] { "amqp-ann", "amqp-bob" };

        foreach (var customer in customers)
        {
            using var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = customer }, TestContext.Current.CancellationToken);
            for (var i = 0; i < 3; i++)
            {
                Assert.True(batch.TryAdd(new EventData(TestClicks.Click($"{customer}-{i}", customer, now.AddSeconds(-10 + i)))));
            }

            await producer.SendAsync(batch, TestContext.Current.CancellationToken);
        }

        var timelines = await Eventually.UntilAsync(
            () => host.TimelineIdsAsync(customers, TestContext.Current.CancellationToken), t => t.Values.All(ids => ids.Count == 3), "both timelines", TimeSpan.FromSeconds(90));

        Assert.Equal(["amqp-ann-0", "amqp-ann-1", "amqp-ann-2"], timelines["amqp-ann"].Order(StringComparer.Ordinal));
        Assert.Equal(["amqp-bob-0", "amqp-bob-1", "amqp-bob-2"], timelines["amqp-bob"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Collect_RealApp_PublishesOverAmqpWithTheCustomerKeyAsPartitionKey()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var now = DateTimeOffset.UtcNow;
        var events = new[] { "collect-ann", "collect-bob", "collect-cid" }.Select((c, i) => JsonDocument.Parse(TestClicks.Click($"{c}-0", c, now.AddSeconds(-5 + i))).RootElement).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(new { events }) };
        request.Headers.Add("X-Touchpoint-Write-Key", "devhost-local-write-key");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var stored = await host.Client.GetFromJsonAsync<JsonElement>("/_devhost/hubs/clickstream/messages?max=100", TestContext.Current.CancellationToken);
        var timelines = await Eventually.UntilAsync(
            () => host.TimelineIdsAsync(["collect-ann", "collect-bob", "collect-cid"], TestContext.Current.CancellationToken), t => t.Values.All(ids => ids.Count == 1), "the timelines", TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, stored.GetArrayLength());
        Assert.All(stored.EnumerateArray(), m =>
        {
            var key = m.GetProperty("partitionKey").GetString()!;
            Assert.StartsWith("collect-", key, StringComparison.Ordinal);
            Assert.Equal(Core.Events.PartitionSelector.PartitionFor(key, 4).ToString(CultureInfo.InvariantCulture), m.GetProperty("partition").GetString());
        });
        Assert.Equal(3, timelines.Count);
    }
}
