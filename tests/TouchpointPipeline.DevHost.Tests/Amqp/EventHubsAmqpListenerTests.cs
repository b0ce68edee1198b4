using System.Globalization;
using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.DevHost.Amqp;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Amqp;

/// <summary>
/// The real Azure SDK clients (<see cref="EventHubProducerClient"/>, <see cref="EventHubBufferedProducerClient"/>)
/// publishing into the dev host's AMQP listener, with the connection string shape of the Event Hubs emulator.
/// </summary>
public sealed class EventHubsAmqpListenerTests : IAsyncLifetime
{
    private const string Hub = "clicks";
    private const string Ingest = """
        {
          "bindings": [
            { "type": "eventHubTrigger", "direction": "in", "name": "events", "eventHubName": "clicks", "connection": "EventHubConnection",
              "consumerGroup": "pipeline", "cardinality": "many", "dataType": "string" }
          ]
        }
        """;

    private static readonly EventHubProducerClientOptions Quick = new()
    {
        RetryOptions = new EventHubsRetryOptions { MaximumRetries = 3, Delay = TimeSpan.FromMilliseconds(100), TryTimeout = TimeSpan.FromSeconds(20) },
    };

    private readonly TestFunctionApp _app = new TestFunctionApp().With("Ingest", Ingest);
    private FakeHandler _handler = null!;

    public async ValueTask InitializeAsync() => _handler = await FakeHandler.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _handler.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task SendAsync_Batch_AppendsEveryEventWithItsBodyAndProperties()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);
        using var batch = await producer.CreateBatchAsync(Token);
        for (var i = 0; i < 5; i++)
        {
            var data = new EventData(Encoding.UTF8.GetBytes($$"""{"id":"e{{i}}"}"""));
            data.Properties["n"] = i;
            Assert.True(batch.TryAdd(data));
        }

        await producer.SendAsync(batch, Token);
        await producer.SendAsync([new EventData("""{"id":"single"}""")], Token);

        var stored = Stored(host);
        Assert.Equal(6, stored.Count);
        Assert.Equal(["e0", "e1", "e2", "e3", "e4", "single"], stored.Select(s => s.Message.Body).Select(b => b[7..^2]).Order(StringComparer.Ordinal));
        Assert.Equal("3", stored.Single(s => s.Message.Body.Contains("e3", StringComparison.Ordinal)).Message.Properties!["n"]);
    }

    [Fact]
    public async Task SendAsync_PartitionKey_LandsOnThePartitionTheServiceHashNames()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);
        var keys = Enumerable.Range(0, 12).Select(i => $"customer-{i}").ToList();

        foreach (var key in keys)
        {
            using var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = key }, Token);
            Assert.True(batch.TryAdd(new EventData(key)));
            Assert.True(batch.TryAdd(new EventData(key)));
            await producer.SendAsync(batch, Token);
        }

        await producer.SendAsync([new EventData("single-c-42")], new SendEventOptions { PartitionKey = "c-42" }, Token);

        var stored = Stored(host);
        Assert.Equal(25, stored.Count);
        Assert.All(stored, s => Assert.Equal(PartitionSelector.PartitionFor(s.Message.PartitionKey!, 4).ToString(CultureInfo.InvariantCulture), s.Partition));
        Assert.Equal("c-42", stored.Single(s => s.Message.Body == "single-c-42").Message.PartitionKey);
    }

    [Fact]
    public async Task SendAsync_PartitionId_LandsOnThatPartition()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);

        await producer.SendAsync([new EventData("to-2"), new EventData("to-2-again")], new SendEventOptions { PartitionId = "2" }, Token);

        Assert.All(Stored(host), s => Assert.Equal("2", s.Partition));
        Assert.Equal(2, Stored(host).Count);
    }

    [Fact]
    public async Task BufferedProducer_KeyedEvents_LandOnThePartitionTheServiceHashNames()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        var failures = 0;
        await using var producer = new EventHubBufferedProducerClient(ConnectionString(host), Hub, new EventHubBufferedProducerClientOptions
        {
            RetryOptions = Quick.RetryOptions,
            MaximumWaitTime = TimeSpan.FromMilliseconds(50),
        });
        producer.SendEventBatchSucceededAsync += _ => Task.CompletedTask;
        producer.SendEventBatchFailedAsync += _ =>
        {
            Interlocked.Increment(ref failures);
            return Task.CompletedTask;
        };

        var events = Enumerable.Range(0, 200).Select(i => (Key: $"customer-{i % 37}", Body: $"buffered-{i}")).ToList();
        foreach (var (key, body) in events)
        {
            await producer.EnqueueEventAsync(new EventData(body), new EnqueueEventOptions { PartitionKey = key }, Token);
        }

        await producer.FlushAsync(Token);

        var stored = Stored(host);
        Assert.Equal(0, failures);
        Assert.Equal(events.Select(e => e.Body).Order(StringComparer.Ordinal), stored.Select(s => s.Message.Body).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.Equal(PartitionSelector.PartitionFor(s.Message.PartitionKey!, 4).ToString(CultureInfo.InvariantCulture), s.Partition));
    }

    [Fact]
    public async Task CreateBatchAsync_HubMaxMessageSize_LimitsTheBatchAndFullBatchesSplit()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, null, "--DevHost:MaxMessageSize", "65536");
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);
        var body = new string('x', 1000);
        var batches = new List<EventDataBatch>();
        var current = await producer.CreateBatchAsync(Token);
        batches.Add(current);

        for (var i = 0; i < 200; i++)
        {
            if (!current.TryAdd(new EventData($"{i:D4}{body}")))
            {
                current = await producer.CreateBatchAsync(Token);
                batches.Add(current);
                Assert.True(current.TryAdd(new EventData($"{i:D4}{body}")));
            }
        }

        foreach (var batch in batches)
        {
            await producer.SendAsync(batch, Token);
            batch.Dispose();
        }

        var tooLarge = await Assert.ThrowsAsync<EventHubsException>(() => producer.SendAsync([new EventData(new string('y', 70_000))], Token));

        Assert.Equal(65536, batches[0].MaximumSizeInBytes);
        Assert.InRange(batches.Count, 4, 5);
        Assert.Equal(200, Stored(host).Count);
        Assert.Equal(EventHubsException.FailureReason.MessageSizeExceeded, tooLarge.Reason);
    }

    [Fact]
    public async Task SendAsync_UnknownHub_FailsWithResourceNotFound()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), "no-such-hub", Quick);

        var send = await Assert.ThrowsAsync<EventHubsException>(() => producer.SendAsync([new EventData("lost")], Token));
        var properties = await Assert.ThrowsAsync<EventHubsException>(() => producer.GetEventHubPropertiesAsync(Token));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, send.Reason);
        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, properties.Reason);
        Assert.Empty(Stored(host));
    }

    [Fact]
    public async Task GetPropertiesAsync_AfterSends_DescribeTheHubAndItsPartitions()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);
        await producer.SendAsync([new EventData("a"), new EventData("b")], new SendEventOptions { PartitionId = "1" }, Token);

        var hub = await producer.GetEventHubPropertiesAsync(Token);
        var one = await producer.GetPartitionPropertiesAsync("1", Token);
        var zero = await producer.GetPartitionPropertiesAsync("0", Token);

        Assert.Equal(["0", "1", "2", "3"], hub.PartitionIds);
        Assert.Equal(Hub, hub.Name);
        Assert.Equal(1, one.LastEnqueuedSequenceNumber);
        Assert.False(one.IsEmpty);
        Assert.True(zero.IsEmpty);
    }

    [Fact]
    public async Task SendAsync_AfterTheListenerDroppedTheConnection_ReconnectsAndSends()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        await using var producer = new EventHubProducerClient(ConnectionString(host), Hub, Quick);
        await producer.SendAsync([new EventData("before")], Token);

        var dropped = host.Services.GetRequiredService<EventHubsAmqpListener>().DropConnections();
        await producer.SendAsync([new EventData("after")], Token);

        // At least once: a send whose acceptance was lost with the connection is sent again, so "after" may be stored twice.
        Assert.Equal(1, dropped);
        Assert.Equal(["after", "before"], Stored(host).Select(s => s.Message.Body).Distinct().Order(StringComparer.Ordinal));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string ConnectionString(RunningDevHost host) => host.Services.GetRequiredService<AmqpEndpoint>().ConnectionString;

    private static List<(string Partition, LogMessage Message)> Stored(RunningDevHost host) =>
        host.Services.GetRequiredService<EmbeddedLog>().TryGetHub(Hub, out var hub)
            ? [.. hub.Partitions.SelectMany(p => p.Read(0, int.MaxValue).Select(m => (p.Id, m)))]
            : [];
}
