using System.Collections.Concurrent;
using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class EventHubsEventPublisherTests
{
    private readonly ConcurrentQueue<(string Hub, string? PartitionKey, string[] Bodies)> _sent = new();
    private readonly Dictionary<string, EventHubProducerClient> _producers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<EventDataBatch, (List<EventData> Store, string? PartitionKey)> _batches = new();

    [Fact]
    public async Task PublishAsync_SeveralCustomersAndHubs_OneBatchPerHubAndPartitionKey()
    {
        var publisher = Publisher(capacity: 100);
        PublishMessage[] messages = [Message("clickstream", "cust-1", "a"), Message("calls", "cust-1", "b"), Message("clickstream", "cust-2", "c"), Message("clickstream", "cust-1", "d")];

        await publisher.PublishAsync(messages, TestContext.Current.CancellationToken);

        Assert.Equal(3, _sent.Count);
        Assert.Contains(("clickstream", "cust-1", ["a", "d"]), _sent.Select(s => (s.Hub, s.PartitionKey, s.Bodies)), Comparer);
        Assert.Contains(("clickstream", "cust-2", ["c"]), _sent.Select(s => (s.Hub, s.PartitionKey, s.Bodies)), Comparer);
        Assert.Contains(("calls", "cust-1", ["b"]), _sent.Select(s => (s.Hub, s.PartitionKey, s.Bodies)), Comparer);
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
        PublishMessage[] messages = [Message("clickstream", "cust-1", "a"), Message("clickstream", "cust-2", "b"), Message("clickstream", "cust-2", "c")];

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
    public void WithoutEntityPath_ConnectionStringWithEntityPath_DropsIt()
    {
        var connection = EventHubsConnection.WithoutEntityPath("Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=x;EntityPath=clickstream;UseDevelopmentEmulator=true");

        Assert.Equal("Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true", connection);
    }

    private static readonly IEqualityComparer<(string, string?, string[])> Comparer = EqualityComparer<(string, string?, string[])>.Create(
        (x, y) => x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.SequenceEqual(y.Item3),
        x => HashCode.Combine(x.Item1, x.Item2));

    private static PublishMessage Message(string hub, string key, string body) => new(hub, key, Encoding.UTF8.GetBytes(body));

    private EventHubsEventPublisher Publisher(int capacity, Func<string, bool>? refuse = null)
    {
        foreach (var hub in new[] { "clickstream", "calls", "chats" })
        {
            var producer = Substitute.For<EventHubProducerClient>();
#pragma warning disable CA2012 // NSubstitute configures the ValueTask-returning call; nothing consumes this one.
            producer.CreateBatchAsync(Arg.Any<CreateBatchOptions>(), Arg.Any<CancellationToken>()).Returns(call =>
            {
                var store = new List<EventData>();
                var options = call.Arg<CreateBatchOptions>();
                var batch = EventHubsModelFactory.EventDataBatch(1024 * 1024, store, options,
                    e => store.Count < capacity && refuse?.Invoke(e.EventBody.ToString()) != true);
                _batches[batch] = (store, options.PartitionKey);
                return new ValueTask<EventDataBatch>(batch);
            });
#pragma warning restore CA2012
            producer.SendAsync(Arg.Any<EventDataBatch>(), Arg.Any<CancellationToken>()).Returns(call =>
            {
                var (store, partitionKey) = _batches[call.Arg<EventDataBatch>()];
                _sent.Enqueue((hub, partitionKey, [.. store.Select(e => e.EventBody.ToString())]));
                return Task.CompletedTask;
            });
            _producers[hub] = producer;
        }

        return new EventHubsEventPublisher(new EventHubProducers(hub => _producers[hub]));
    }
}
