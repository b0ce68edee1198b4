using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// The timeline item as a Cosmos DB document (camelCase): <c>id</c> (event id), <c>customerKey</c> (partition key),
/// <c>sk</c> (sort key), <c>type</c>, <c>channel</c> (wire name), <c>source</c>, <c>time</c> and <c>receivedAt</c>
/// (ISO 8601 UTC), <c>customerId</c>, <c>anonymousId</c>, <c>sessionId</c>, <c>data</c> (the event's object, copied
/// raw) and <c>position</c> {hub, partitionId, offset, sequenceNumber, enqueuedTime, partitionKey}.
/// </summary>
internal static class CosmosTimelineDocument
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CustomerKey = JsonEncodedText.Encode("customerKey");
    private static readonly JsonEncodedText SortKey = JsonEncodedText.Encode("sk");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("receivedAt");
    private static readonly JsonEncodedText DeviceTime = JsonEncodedText.Encode("deviceTime");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText AnonymousId = JsonEncodedText.Encode("anonymousId");
    private static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("sessionId");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Enrichment = JsonEncodedText.Encode("enrichment");
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText Hub = JsonEncodedText.Encode("hub");
    private static readonly JsonEncodedText PartitionId = JsonEncodedText.Encode("partitionId");
    private static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText SequenceNumber = JsonEncodedText.Encode("sequenceNumber");
    private static readonly JsonEncodedText EnqueuedTime = JsonEncodedText.Encode("enqueuedTime");
    private static readonly JsonEncodedText PartitionKey = JsonEncodedText.Encode("partitionKey");

    /// <summary>Writes the document as UTF-8 JSON; the data object is validated and copied byte for byte.</summary>
    public static void Write(IBufferWriter<byte> output, TimelineItem item)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString(Id, item.Id);
        writer.WriteString(CustomerKey, item.CustomerKey);
        writer.WriteString(SortKey, item.SortKey);
        writer.WriteString(Type, item.Type);
        writer.WriteString(Channel, item.Channel.ToWire());
        writer.WriteString(Source, item.Source);
        writer.WriteString(Time, FormatTime(item.Time));
        writer.WriteString(ReceivedAt, FormatTime(item.ReceivedAt));
        writer.WriteString(DeviceTime, item.DeviceTime is { } deviceTime ? FormatTime(deviceTime) : null);
        writer.WriteString(CustomerId, item.CustomerId);
        writer.WriteString(AnonymousId, item.AnonymousId);
        writer.WriteString(SessionId, item.SessionId);
        writer.WritePropertyName(Data);
        writer.WriteRawValue(item.Data.Span);
        if (!item.Enrichment.IsEmpty)
        {
            writer.WritePropertyName(Enrichment);
            writer.WriteRawValue(item.Enrichment.Span);
        }
        if (item.Position is { } position)
        {
            writer.WriteStartObject(Position);
            writer.WriteString(Hub, position.Hub);
            writer.WriteString(PartitionId, position.PartitionId);
            writer.WriteString(Offset, position.Offset);
            if (position.SequenceNumber is { } sequenceNumber)
            {
                writer.WriteNumber(SequenceNumber, sequenceNumber);
            }
            else
            {
                writer.WriteNull(SequenceNumber);
            }

            writer.WriteString(EnqueuedTime, position.EnqueuedTime is { } enqueued ? FormatTime(enqueued) : null);
            writer.WriteString(PartitionKey, position.PartitionKey);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Position);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a stored document (system properties such as <c>_ts</c> are ignored).</summary>
    public static TimelineItem Read(JsonElement document)
    {
        var channel = document.GetProperty(Channel.EncodedUtf8Bytes).GetString();
        var position = document.TryGetProperty(Position.EncodedUtf8Bytes, out var p) && p.ValueKind == JsonValueKind.Object
            ? new SourcePosition(
                Hub: p.GetProperty(Hub.EncodedUtf8Bytes).GetString()!,
                PartitionId: OptionalString(p, PartitionId),
                Offset: OptionalString(p, Offset),
                SequenceNumber: p.TryGetProperty(SequenceNumber.EncodedUtf8Bytes, out var sequence)
                                && sequence.ValueKind == JsonValueKind.Number
                    ? sequence.GetInt64()
                    : null,
                EnqueuedTime: OptionalString(p, EnqueuedTime) is { } enqueued ? ParseTime(enqueued) : null,
                PartitionKey: OptionalString(p, PartitionKey))
            : null;

        return new TimelineItem
        {
            Id = document.GetProperty(Id.EncodedUtf8Bytes).GetString()!,
            CustomerKey = document.GetProperty(CustomerKey.EncodedUtf8Bytes).GetString()!,
            Type = document.GetProperty(Type.EncodedUtf8Bytes).GetString()!,
            Channel = ChannelNames.TryParse(channel, out var parsed)
                ? parsed.Value
                : throw new InvalidDataException($"A timeline document holds an unknown channel '{channel}'."),
            Source = document.GetProperty(Source.EncodedUtf8Bytes).GetString()!,
            Time = ParseTime(document.GetProperty(Time.EncodedUtf8Bytes).GetString()!),
            ReceivedAt = ParseTime(document.GetProperty(ReceivedAt.EncodedUtf8Bytes).GetString()!),
            DeviceTime = OptionalString(document, DeviceTime) is { } deviceTime ? ParseTime(deviceTime) : null,
            CustomerId = OptionalString(document, CustomerId),
            AnonymousId = OptionalString(document, AnonymousId),
            SessionId = OptionalString(document, SessionId),
            Data = JsonMarshal.GetRawUtf8Value(document.GetProperty(Data.EncodedUtf8Bytes)).ToArray(),
            Enrichment = document.TryGetProperty(Enrichment.EncodedUtf8Bytes, out var enrichment) && enrichment.ValueKind == JsonValueKind.Object
                ? JsonMarshal.GetRawUtf8Value(enrichment).ToArray()
                : ReadOnlyMemory<byte>.Empty,
            Position = position,
        };
    }

    private static string? OptionalString(JsonElement element, JsonEncodedText name) =>
        element.TryGetProperty(name.EncodedUtf8Bytes, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
