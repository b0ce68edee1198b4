using System.Buffers;
using System.Text;
using System.Text.Json;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>
/// Writes the host's default payload for an <c>eventHubTrigger</c> with <c>cardinality: many</c> (docs/host-protocol.md §2.2,
/// §2.3, §4.2-§4.5): <c>Data.&lt;name&gt;</c> and every <c>Metadata.*Array</c> are JSON strings holding JSON; the
/// partition context is a real object and appears twice; <c>sys</c> is an object; <c>RetryContext</c> when a retry
/// policy applies. Element i of every array belongs to event i.
/// </summary>
internal static class EventHubPayloadWriter
{
    public static void Write(
        Utf8JsonWriter writer, EventHubTriggerBinding binding, string fullyQualifiedNamespace, string partitionId,
        IReadOnlyList<LogMessage> events, InvocationAttempt attempt)
    {
        var scratch = new ArrayBufferWriter<byte>(4096);
        writer.WriteStartObject();
        writer.WriteStartObject("Data");
        writer.WriteString(binding.Name, Inner(scratch, w => WriteEvents(w, binding, events)));
        writer.WriteEndObject();

        writer.WriteStartObject("Metadata");
        foreach (var key in (ReadOnlySpan<string>)["TriggerPartitionContext", "PartitionContext"])
        {
            writer.WriteStartObject(key);
            writer.WriteBoolean("IsCheckpointingAfterInvocation", true);
            writer.WriteString("FullyQualifiedNamespace", fullyQualifiedNamespace);
            writer.WriteString("EventHubName", binding.EventHubName);
            writer.WriteString("ConsumerGroup", binding.ConsumerGroup);
            writer.WriteString("PartitionId", partitionId);
            writer.WriteEndObject();
        }

        writer.WriteString("PartitionKeyArray", Inner(scratch, w => Array(w, events, (x, e) => Nullable(x, e.PartitionKey))));
        writer.WriteString("OffsetArray", Inner(scratch, w => Array(w, events, (x, e) => x.WriteStringValue(Offset(e)))));
        writer.WriteString("OffsetStringArray", Inner(scratch, w => Array(w, events, (x, e) => x.WriteStringValue(Offset(e)))));
        writer.WriteString("SequenceNumberArray", Inner(scratch, w => Array(w, events, (x, e) => x.WriteNumberValue(e.SequenceNumber))));
        writer.WriteString("EnqueuedTimeUtcArray", Inner(scratch, w => Array(w, events, (x, e) => x.WriteStringValue(HostJsonWriter.Unspecified(e.EnqueuedTime)))));
        writer.WriteString("PropertiesArray", Inner(scratch, w => Array(w, events, WriteProperties)));
        writer.WriteString("SystemPropertiesArray", Inner(scratch, w => Array(w, events, WriteSystemProperties)));
        HostJsonWriter.WriteSys(writer, binding.Function.Name, attempt);
        if (attempt.Retry is { } retry)
        {
            HostJsonWriter.WriteRetryContext(writer, binding.Function.Name, retry);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter writer, EventHubTriggerBinding binding, IReadOnlyList<LogMessage> events)
    {
        writer.WriteStartArray();
        foreach (var e in events)
        {
            switch (binding.DataType)
            {
                case EventDataType.String:
                    writer.WriteStringValue(e.Body);
                    break;
                case EventDataType.Binary:
                    writer.WriteBase64StringValue(Encoding.UTF8.GetBytes(e.Body));
                    break;
                default:
                    // The host JSON-deserializes each body (PocoTriggerArgumentBinding); an empty body becomes null.
                    if (e.Body.Length == 0)
                    {
                        writer.WriteNullValue();
                        break;
                    }

                    try
                    {
                        using var parsed = JsonDocument.Parse(e.Body);
                        parsed.RootElement.WriteTo(writer);
                    }
                    catch (JsonException ex)
                    {
                        throw new TriggerBindingException(
                            $"Exception binding parameter '{binding.Name}'. Binding parameters to complex objects (such as 'Object') uses Json.NET serialization. {ex.Message}", ex);
                    }

                    break;
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, LogMessage e)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in e.Properties ?? new Dictionary<string, string>())
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The AMQP annotations plus the extension's own entries (§4.2). The doc marks the exact JSON types of the
    /// <c>x-opt-*</c> values as version-dependent; this follows its example (offset as a string, time with <c>Z</c>).
    /// </summary>
    private static void WriteSystemProperties(Utf8JsonWriter writer, LogMessage e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x-opt-sequence-number", e.SequenceNumber);
        writer.WriteString("x-opt-offset", Offset(e));
        writer.WriteString("x-opt-enqueued-time", HostJsonWriter.Utc(e.EnqueuedTime));
        if (e.PartitionKey is not null)
        {
            writer.WriteString("x-opt-partition-key", e.PartitionKey);
        }

        writer.WriteNumber("SequenceNumber", e.SequenceNumber);
        writer.WriteNumber("Offset", e.Offset);
        writer.WriteString("OffsetString", Offset(e));
        writer.WritePropertyName("PartitionKey");
        Nullable(writer, e.PartitionKey);
        writer.WriteString("EnqueuedTimeUtc", HostJsonWriter.Unspecified(e.EnqueuedTime));
        writer.WriteEndObject();
    }

    private static string Offset(LogMessage e) => e.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Nullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void Array(Utf8JsonWriter writer, IReadOnlyList<LogMessage> events, Action<Utf8JsonWriter, LogMessage> item)
    {
        writer.WriteStartArray();
        foreach (var e in events)
        {
            item(writer, e);
        }

        writer.WriteEndArray();
    }

    /// <summary>JSON text written to a scratch buffer, to be embedded as a JSON string (§2.3: arrays travel as JSON text).</summary>
    private static ReadOnlySpan<byte> Inner(ArrayBufferWriter<byte> scratch, Action<Utf8JsonWriter> write)
    {
        scratch.ResetWrittenCount();
        using (var inner = new Utf8JsonWriter(scratch, HostJsonWriter.Options))
        {
            write(inner);
        }

        return scratch.WrittenSpan;
    }
}
