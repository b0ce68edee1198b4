using System.Text;
using Confluent.Kafka;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class KafkaEventPublisherTests
{
    private static readonly PublishMessage[] Messages =
    [
        new("clickstream", "cust-1", Encoding.UTF8.GetBytes("{\"id\":\"a\"}")),
        new("calls", "anon:dev-2", Encoding.UTF8.GetBytes("{\"id\":\"b\"}")),
    ];

    private static DeliveryResult<string, byte[]> Delivered(PersistenceStatus status) => new() { Status = status };

    [Fact]
    public async Task PublishAsync_AllPersisted_ProducesEachToItsHubKeyedByCustomerKey()
    {
        var producer = Substitute.For<IProducer<string, byte[]>>();
        producer.ProduceAsync(Arg.Any<string>(), Arg.Any<Message<string, byte[]>>(), Arg.Any<CancellationToken>()).Returns(Delivered(PersistenceStatus.Persisted));

        await new KafkaEventPublisher(producer).PublishAsync(Messages, TestContext.Current.CancellationToken);

        await producer.Received(1).ProduceAsync("clickstream", Arg.Is<Message<string, byte[]>>(m => m.Key == "cust-1" && Encoding.UTF8.GetString(m.Value) == "{\"id\":\"a\"}"), Arg.Any<CancellationToken>());
        await producer.Received(1).ProduceAsync("calls", Arg.Is<Message<string, byte[]>>(m => m.Key == "anon:dev-2"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PublishAsync_DeliveryFails_ThrowsEventPublishException()
    {
        var producer = Substitute.For<IProducer<string, byte[]>>();
        producer.ProduceAsync("clickstream", Arg.Any<Message<string, byte[]>>(), Arg.Any<CancellationToken>()).Returns(Delivered(PersistenceStatus.Persisted));
        producer.ProduceAsync("calls", Arg.Any<Message<string, byte[]>>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ProduceException<string, byte[]>(new Error(ErrorCode.Local_MsgTimedOut, "Message timed out"), Delivered(PersistenceStatus.NotPersisted)));

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => new KafkaEventPublisher(producer).PublishAsync(Messages, TestContext.Current.CancellationToken));

        Assert.Contains("Local_MsgTimedOut", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_PossiblyPersisted_IsNotAConfirmation()
    {
        var producer = Substitute.For<IProducer<string, byte[]>>();
        producer.ProduceAsync(Arg.Any<string>(), Arg.Any<Message<string, byte[]>>(), Arg.Any<CancellationToken>()).Returns(Delivered(PersistenceStatus.PossiblyPersisted));

        await Assert.ThrowsAsync<EventPublishException>(() => new KafkaEventPublisher(producer).PublishAsync(Messages, TestContext.Current.CancellationToken));
    }
}
