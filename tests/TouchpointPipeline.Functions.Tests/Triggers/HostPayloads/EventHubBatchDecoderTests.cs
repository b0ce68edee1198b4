using System.Text;
using TouchpointPipeline.Functions.Triggers.HostPayloads;

namespace TouchpointPipeline.Functions.Tests.Triggers.HostPayloads;

public sealed class EventHubBatchDecoderTests
{
    // docs/host-protocol.md §4.4 (dataType string), with the §4.3 metadata, verbatim.
    private const string DocExampleStringBatch = """
        {
          "Data": {
            "events": "[\"{\\\"deviceId\\\":\\\"dev-1\\\",\\\"temp\\\":21.5}\",\"{\\\"deviceId\\\":\\\"dev-2\\\",\\\"temp\\\":19}\",\"plain text\"]"
          },
          "Metadata": {
            "TriggerPartitionContext": { "IsCheckpointingAfterInvocation": true, "FullyQualifiedNamespace": "myns.servicebus.windows.net", "EventHubName": "telemetry", "ConsumerGroup": "$Default", "PartitionId": "3" },
            "PartitionContext": { "IsCheckpointingAfterInvocation": true, "FullyQualifiedNamespace": "myns.servicebus.windows.net", "EventHubName": "telemetry", "ConsumerGroup": "$Default", "PartitionId": "3" },
            "PartitionKeyArray": "[null,\"dev-2\",null]",
            "OffsetArray": "[\"4294967296\",\"4294967552\",\"4294967808\"]",
            "OffsetStringArray": "[\"4294967296\",\"4294967552\",\"4294967808\"]",
            "SequenceNumberArray": "[1001,1002,1003]",
            "EnqueuedTimeUtcArray": "[\"2024-10-24T14:32:17.123\",\"2024-10-24T14:32:17.127\",\"2024-10-24T14:32:17.2\"]",
            "PropertiesArray": "[{\"source\":\"sensor\"},{},{}]",
            "SystemPropertiesArray": "[{},{},{}]",
            "sys": { "MethodName": "ProcessEvents", "UtcNow": "2024-10-24T14:32:17.5123456Z", "RandGuid": "7f1c0f0e-5a0c-4d39-9d7e-8a5f0c6b2e11" }
          }
        }
        """;

    // docs/host-protocol.md §4.3 (dataType unset: the host sends parsed JSON values).
    private const string DocExampleObjectBatch = """
        { "Data": { "events": "[{\"deviceId\":\"dev-1\",\"temp\":21.5},{\"deviceId\":\"dev-2\",\"temp\":19}]" },
          "Metadata": { "SequenceNumberArray": "[1001,1002]", "PartitionContext": { "EventHubName": "telemetry", "PartitionId": "0" } } }
        """;

    [Fact]
    public void Decode_DocExampleWithDataTypeString_ReturnsExactBodiesAndPositions()
    {
        var result = EventHubBatchDecoder.Decode(Encoding.UTF8.GetBytes(DocExampleStringBatch), "events", "fallback");

        var invocation = Assert.IsType<EventHubInvocation>(result.Invocation);
        Assert.Equal(
            ["{\"deviceId\":\"dev-1\",\"temp\":21.5}", "{\"deviceId\":\"dev-2\",\"temp\":19}", "plain text"],
            invocation.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
        var second = invocation.Events[1].Position;
        Assert.Equal("telemetry", second.Hub);
        Assert.Equal("3", second.PartitionId);
        Assert.Equal("4294967552", second.Offset);
        Assert.Equal(1002, second.SequenceNumber);
        Assert.Equal("dev-2", second.PartitionKey);
        Assert.Null(invocation.Events[0].Position.PartitionKey);
        // No zone designator on the wire, but the value is UTC (§4.2).
        Assert.Equal(new DateTimeOffset(2024, 10, 24, 14, 32, 17, 127, TimeSpan.Zero), second.EnqueuedTime);
        Assert.Null(invocation.Retry);
    }

    [Fact]
    public void Decode_DataTypeUnsetObjects_KeepsEachElementJsonAsBody()
    {
        var result = EventHubBatchDecoder.Decode(Encoding.UTF8.GetBytes(DocExampleObjectBatch), "events", "fallback");

        var invocation = Assert.IsType<EventHubInvocation>(result.Invocation);
        Assert.Equal(["{\"deviceId\":\"dev-1\",\"temp\":21.5}", "{\"deviceId\":\"dev-2\",\"temp\":19}"], invocation.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
        Assert.Equal("0", invocation.Events[0].Position.PartitionId);
        Assert.Null(invocation.Events[0].Position.EnqueuedTime);
    }

    [Fact]
    public void Decode_UnicodeAndEscapes_RoundTripByteForByte()
    {
        var body = "{\"text\":\"caf\u00e9 \u2013 \\\"quoted\\\" \\\\ \\u00e9 \ud83d\ude00\"}";
        var events = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(new[] { body }));
        var payload = "{\"Data\":{\"events\":" + events + "},\"Metadata\":{}}";

        var result = EventHubBatchDecoder.Decode(Encoding.UTF8.GetBytes(payload), "events", "hub");

        Assert.Equal(Encoding.UTF8.GetBytes(body), Assert.Single(result.Invocation!.Events).Body.ToArray());
    }

    [Fact]
    public void Decode_EmptyBatch_ReturnsNoEvents()
    {
        var result = EventHubBatchDecoder.Decode("""{"Data":{"events":"[]"},"Metadata":{"PartitionKeyArray":"[]"}}"""u8.ToArray(), "events", "hub");

        Assert.Empty(result.Invocation!.Events);
    }

    [Fact]
    public void Decode_NoPartitionContext_UsesFallbackHubAndNullPositions()
    {
        var result = EventHubBatchDecoder.Decode("""{"Data":{"events":"[\"{}\"]"},"Metadata":{}}"""u8.ToArray(), "events", "clickstream");

        var position = Assert.Single(result.Invocation!.Events).Position;
        Assert.Equal("clickstream", position.Hub);
        Assert.Null(position.PartitionId);
        Assert.Null(position.SequenceNumber);
    }

    [Theory]
    [InlineData("""{"RetryCount":0,"MaxRetryCount":5,"Exception":null,"Instance":null,"State":{}}""", 0, 5, false)]
    [InlineData("""{"RetryCount":5,"MaxRetryCount":5,"Exception":{"ClassName":"System.Exception"}}""", 5, 5, true)]
    [InlineData("""{"RetryCount":12,"MaxRetryCount":-1}""", 12, -1, false)]
    [InlineData("\"{\\\"RetryCount\\\":2,\\\"MaxRetryCount\\\":2}\"", 2, 2, true)]
    public void Decode_RetryContext_ReadAndFinalAttemptKnown(string retryJson, int count, int max, bool final)
    {
        var payload = "{\"Data\":{\"events\":\"[]\"},\"Metadata\":{\"RetryContext\":" + retryJson + "}}";

        var retry = EventHubBatchDecoder.Decode(Encoding.UTF8.GetBytes(payload), "events", "hub").Retry;

        Assert.Equal(new RetryContext(count, max), retry);
        Assert.Equal(final, RetryContext.IsFinalAttempt(retry));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Data":{}}""")]
    [InlineData("""{"Data":{"events":"{\"a\":1}"}}""")]
    [InlineData("""{"Data":{"events":42}}""")]
    public void Decode_NotATriggerPayload_FailsWithReason(string payload)
    {
        var result = EventHubBatchDecoder.Decode(Encoding.UTF8.GetBytes(payload), "events", "hub");

        Assert.Null(result.Invocation);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void Decode_MalformedMetadataArray_IgnoredNotFatal()
    {
        var result = EventHubBatchDecoder.Decode("""{"Data":{"events":"[\"{}\"]"},"Metadata":{"SequenceNumberArray":"[1,","EnqueuedTimeUtcArray":"[\"garbage\"]"}}"""u8.ToArray(), "events", "hub");

        var position = Assert.Single(result.Invocation!.Events).Position;
        Assert.Null(position.SequenceNumber);
        Assert.Null(position.EnqueuedTime);
    }
}
