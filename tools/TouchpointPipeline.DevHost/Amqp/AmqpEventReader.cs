using System.Globalization;
using System.Runtime.Serialization;
using System.Text;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// Turns one AMQP transfer from an Event Hubs producer into the events it carries: a single event (message format 0),
/// or a batch (format <c>0x80013700</c>) whose Data sections each hold one whole encoded event message. The partition
/// key is the <c>x-opt-partition-key</c> message annotation (the batch envelope's, else the event's own).
/// </summary>
internal static class AmqpEventReader
{
    public const uint BatchFormat = 0x80013700;
    public const string PartitionKeyAnnotation = "x-opt-partition-key";

    /// <exception cref="AmqpException">The transfer is not an event or a batch of events (amqp:decode-error).</exception>
    public static IReadOnlyList<NewMessage> Read(AmqpMessage message)
    {
        try
        {
            if (message.MessageFormat == BatchFormat)
            {
                var envelopeKey = PartitionKeyOf(message);
                var events = new List<NewMessage>();
                foreach (var data in message.DataBody ?? [])
                {
                    var segment = (ArraySegment<byte>)data.Value;
                    using var inner = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([segment]));
                    events.Add(Event(inner, envelopeKey));
                }

                return events;
            }

            return [Event(message, null)];
        }
        catch (Exception ex) when (ex is AmqpException or InvalidCastException or SerializationException or ArgumentException or InvalidOperationException)
        {
            throw ex as AmqpException ?? new AmqpException(AmqpErrorCode.DecodeError, $"The message is not an Event Hubs event or batch: {ex.Message}");
        }
    }

    private static NewMessage Event(AmqpMessage message, string? envelopeKey)
    {
        var key = PartitionKeyOf(message) ?? envelopeKey;
        return new NewMessage(key, Body(message), Properties(message));
    }

    private static string? PartitionKeyOf(AmqpMessage message) =>
        (message.Sections & SectionFlag.MessageAnnotations) != 0
        && message.MessageAnnotations.Map.TryGetValue<string>((AmqpSymbol)PartitionKeyAnnotation, out var key) ? key : null;

    private static string Body(AmqpMessage message)
    {
        var bodyType = message.BodyType;
        if ((bodyType & SectionFlag.Data) != 0)
        {
            var length = 0;
            var segments = message.DataBody.Select(d => (ArraySegment<byte>)d.Value).ToList();
            foreach (var segment in segments)
            {
                length += segment.Count;
            }

            var bytes = new byte[length];
            var at = 0;
            foreach (var segment in segments)
            {
                segment.AsSpan().CopyTo(bytes.AsSpan(at));
                at += segment.Count;
            }

            return Encoding.UTF8.GetString(bytes);
        }

        if ((bodyType & SectionFlag.AmqpValue) != 0)
        {
            return message.ValueBody.Value switch
            {
                string text => text,
                ArraySegment<byte> binary => Encoding.UTF8.GetString(binary),
                byte[] binary => Encoding.UTF8.GetString(binary),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }

        throw new AmqpException(AmqpErrorCode.DecodeError, "The event has no body (a Data or AmqpValue section).");
    }

    private static Dictionary<string, string>? Properties(AmqpMessage message)
    {
        if ((message.Sections & SectionFlag.ApplicationProperties) == 0 || !message.ApplicationProperties.Map.Any())
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in message.ApplicationProperties.Map)
        {
            properties[key.Key?.ToString() ?? string.Empty] = value switch
            {
                DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }

        return properties;
    }
}
