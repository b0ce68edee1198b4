using System.Collections.Concurrent;
using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class EventHubsEventPublisherTests
{
    private readonly ConcurrentQueue<(string Hub, string? PartitionId, string[] Bodies, string[] Keys)> _sent = new();
    private readonly Dictionary<string, EventHubProducerClient> _producers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<EventDataBatch, (List<EventData> Store, string? PartitionId)> _batches = new();

    [Fact]
    public async Task PublishAsync_SeveralCustomersAndHubs_OneBatchPerHubAndServicePartitionEachEventKeyed()
    {
        var publisher = Publisher(capacity: 100);
        PublishMessage[] messages = [Message("clickstream", "c-42", "a"), Message("calls", "c-42", "b"), Message("clickstream", "customer-0001", "c"), Message("clickstream", "c-42", "d")];

        await publisher.PublishAsync(messages, TestContext.Current.CancellationToken);

        // c-42 is partition 0 and customer-0001 partition 1 by the service's hash (4 partitions).
        Assert.Equal(3, _sent.Count);
        var clicks42 = _sent.Single(s => s.Hub == "clickstream" && s.PartitionId == "0");
        Assert.Equal(["a", "d"], clicks42.Bodies);
        Assert.Equal(["c-42", "c-42"], clicks42.Keys);
        Assert.Equal(["customer-0001"], _sent.Single(s => s.Hub == "clickstream" && s.PartitionId == "1").Keys);
        Assert.Equal(["b"], _sent.Single(s => s.Hub == "calls" && s.PartitionId == "0").Bodies);
    }

    [Fact]
    public async Task PublishAsync_BatchFull_SendsItAndStartsAnotherInOrder()
    {
        var publisher = Publisher(capacity: 2);
        PublishMessage[] messages = [.. Enumerable.Range(0, 5).Select(i => Message("clickstream", "cust-1", $"e{i}"))];

        await publisher.PublishAsync(messages, TestContext.Current.CancellationToken);

        Assert.Equal([["e0", "e1"], ["e2", "e3"], ["e4"]], _sent.Select(s => s.Bodies));
    }

    [Fact]
    public async Task PublishAsync_OneKeysBatchRefused_ThrowsNamingOnlyThoseMessages()
    {
        var publisher = Publisher(capacity: 100);
        _producers["clickstream"].SendAsync(Arg.Is<EventDataBatch>(b => b.Count == 2), Arg.Any<CancellationToken>())
            .ThrowsAsync(new EventHubsException(true, "clickstream", "service busy", EventHubsException.FailureReason.ServiceBusy));
        PublishMessage[] messages = [Message("clickstream", "c-42", "a"), Message("clickstream", "customer-0001", "b"), Message("clickstream", "customer-0001", "c")];

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => publisher.PublishAsync(messages, TestContext.Current.CancellationToken));

        Assert.Equal([1, 2], ex.Unpublished);
        Assert.IsType<EventHubsException>(ex.InnerException);
    }

    [Fact]
    public async Task PublishAsync_EventLargerThanAnEmptyBatch_FailsThatEventOnly()
    {
        var publisher = Publisher(capacity: 100, refuse: body => body == "huge");
        PublishMessage[] messages = [Message("clickstream", "cust-1", "a"), Message("clickstream", "cust-1", "huge"), Message("clickstream", "cust-1", "b")];

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => publisher.PublishAsync(messages, TestContext.Current.CancellationToken));

        Assert.Equal([1], ex.Unpublished);
        Assert.Equal([["a"], ["b"]], _sent.Select(s => s.Bodies));
    }

    [Fact]
    public async Task PublishAsync_PartitionIdsUnreadable_FailsThatHubsMessagesOnly()
    {
        var publisher = Publisher(capacity: 100);
        _producers["calls"].GetPartitionIdsAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new EventHubsException(true, "calls", "unreachable", EventHubsException.FailureReason.ServiceCommunicationProblem));
        PublishMessage[] messages = [Message("clickstream", "c-42", "a"), Message("calls", "c-42", "b")];

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => publisher.PublishAsync(messages, TestContext.Current.CancellationToken));

        Assert.Equal([1], ex.Unpublished);
        Assert.Equal(["a"], _sent.Single().Bodies);
    }

    [Fact]
    public void PartitionFor_KnownKeys_AreTheServicePartitions()
    {
        Assert.Equal((0, 1, 4), (PartitionSelector.PartitionFor("c-42", 4), PartitionSelector.PartitionFor("customer-0001", 4), PartitionSelector.PartitionFor("c-42", 32)));
    }

    [Fact]
    public void WithoutEntityPath_ConnectionStringWithEntityPath_DropsIt()
    {
        var connection = EventHubsConnection.WithoutEntityPath("Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=x;EntityPath=clickstream;UseDevelopmentEmulator=true");

        Assert.Equal("Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true", connection);
    }

    private static PublishMessage Message(string hub, string key, string body) => new(hub, key, Encoding.UTF8.GetBytes(body));

    private EventHubsEventPublisher Publisher(int capacity, Func<string, bool>? refuse = null)
    {
        foreach (var hub in new[] { "clickstream", "calls", "chats" })
        {
            var producer = Substitute.For<EventHubProducerClient>();
            producer.GetPartitionIdsAsync(Arg.Any<CancellationToken>()).Returns(["0", "1", "2", "3"]);
#pragma warning disable CA2012 // NSubstitute configures the ValueTask-returning call; nothing consumes this one.
            producer.CreateBatchAsync(Arg.Any<CreateBatchOptions>(), Arg.Any<CancellationToken>()).Returns(call =>
            {
                var store = new List<EventData>();
                var options = call.Arg<CreateBatchOptions>();
                var batch = EventHubsModelFactory.EventDataBatch(1024 * 1024, store, options,
                    e => store.Count < capacity && refuse?.Invoke(e.EventBody.ToString()) != true);
                _batches[batch] = (store, options.PartitionId);
                return new ValueTask<EventDataBatch>(batch);
            });
#pragma warning restore CA2012
            producer.SendAsync(Arg.Any<EventDataBatch>(), Arg.Any<CancellationToken>()).Returns(call =>
            {
                var (store, partitionId) = _batches[call.Arg<EventDataBatch>()];
                _sent.Enqueue((hub, partitionId, [.. store.Select(e => e.EventBody.ToString())],
                    [.. store.Select(e => (string)e.GetRawAmqpMessage().MessageAnnotations["x-opt-partition-key"]!)]));
                return Task.CompletedTask;
            });
            _producers[hub] = producer;
        }

        return new EventHubsEventPublisher(new EventHubProducers(hub => _producers[hub]));
    }
}
