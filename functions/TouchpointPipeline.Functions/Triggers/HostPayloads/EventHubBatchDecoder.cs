using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

/// <summary>
/// Decodes the host's invocation body for an <c>eventHubTrigger</c> with <c>cardinality: many</c> and
/// <c>dataType: string</c> (docs/host-protocol.md §2.3, §4.2, §4.4): <c>Data.&lt;binding&gt;</c> is a JSON string holding a JSON
/// array of strings, each the exact event body; every <c>Metadata.*Array</c> is a JSON string holding an array whose
/// element i belongs to event i. Each body is unescaped once into its own small array.
/// </summary>
internal static class EventHubBatchDecoder
{
    public static DecodeResult Decode(ReadOnlyMemory<byte> requestBody, string bindingName, string fallbackHub)
    {
        // One forward pass over the (large, doubly escaped) body: the events string is unescaped straight from its
        // token, and only the small Metadata object is materialized as a document.
        byte[]? events = null;
        var eventsLength = 0;
        var eventsPresent = false;
        JsonDocument? metadata = null;
        try
        {
            try
            {
                var reader = new Utf8JsonReader(requestBody.Span);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return DecodeResult.Failure("The invocation body is not a JSON object.", null);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (string.Equals(name, "Data", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var binding = reader.GetString();
                            reader.Read();
                            if (string.Equals(binding, bindingName, StringComparison.OrdinalIgnoreCase))
                            {
                                eventsPresent = true;
                                (events, eventsLength) = CopyEventsValue(ref reader, requestBody.Span);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else if (string.Equals(name, "Metadata", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartObject)
                    {
                        metadata?.Dispose();
                        metadata = JsonDocument.ParseValue(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (JsonException ex)
            {
                return DecodeResult.Failure($"The invocation body is not JSON: {ex.Message}", null);
            }

            var metadataRoot = metadata?.RootElement ?? default;
            var retry = ReadRetryContext(metadataRoot);
            if (!eventsPresent)
            {
                return DecodeResult.Failure($"The invocation body has no Data.{bindingName}.", retry);
            }

            List<ReadOnlyMemory<byte>> bodies;
            try
            {
                bodies = events is null ? [] : ReadBodies(events.AsSpan(0, eventsLength));
            }
            catch (JsonException ex)
            {
                return DecodeResult.Failure($"Data.{bindingName} is not a JSON array of event bodies: {ex.Message}", retry);
            }

            return DecodeResult.Success(new EventHubInvocation(Positions(bodies, metadataRoot, fallbackHub, out var partition), partition, retry));
        }
        finally
        {
            metadata?.Dispose();
            if (events is not null)
            {
                ArrayPool<byte>.Shared.Return(events);
            }
        }
    }

    /// <summary>Reads <c>Metadata.RetryContext</c> alone, for requests whose data could not be decoded.</summary>
    public static RetryContext? ReadRetryContext(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !TryGetPropertyIgnoreCase(metadata, "RetryContext", out var value))
        {
            return null;
        }

        using var parsed = Unwrap(value);
        var context = parsed?.RootElement ?? value;
        if (context.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var count = TryGetPropertyIgnoreCase(context, "RetryCount", out var c) && c.TryGetInt32(out var rc) ? rc : 0;
        var max = TryGetPropertyIgnoreCase(context, "MaxRetryCount", out var mx) && mx.TryGetInt32(out var mrc) ? mrc : 0;
        return new RetryContext(count, max);
    }

    /// <summary>
    /// The events value as JSON text in a pooled buffer: a JSON string holding JSON (what the host sends, §4.4) is
    /// unescaped; an inline array (hand-written payloads) is copied; null means no events.
    /// </summary>
    private static (byte[]? Buffer, int Length) CopyEventsValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return (null, 0);
            case JsonTokenType.String:
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, reader.ValueSpan.Length));
                return (buffer, reader.CopyString(buffer));
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var length = (int)reader.TokenStartIndex + 1 - start;
                var copy = ArrayPool<byte>.Shared.Rent(length);
                source.Slice(start, length).CopyTo(copy);
                return (copy, length);
            default:
                throw new JsonException($"expected a JSON string, found {reader.TokenType}.");
        }
    }

    private static RawEvent[] Positions(List<ReadOnlyMemory<byte>> bodies, JsonElement metadata, string fallbackHub, out TriggerPartition partition)
    {
        partition = ReadPartition(metadata);
        var hub = partition.EventHubName ?? fallbackHub;
        using var partitionKeys = ReadArray(metadata, "PartitionKeyArray");
        using var offsets = ReadArray(metadata, "OffsetStringArray") ?? ReadArray(metadata, "OffsetArray");
        using var sequenceNumbers = ReadArray(metadata, "SequenceNumberArray");
        using var enqueuedTimes = ReadArray(metadata, "EnqueuedTimeUtcArray");
        var result = new RawEvent[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            var position = new SourcePosition(
                hub,
                partition.PartitionId,
                StringAt(offsets, i),
                LongAt(sequenceNumbers, i),
                TimeAt(enqueuedTimes, i),
                StringAt(partitionKeys, i));
            result[i] = new RawEvent(bodies[i], position);
        }

        return result;
    }

    private static List<ReadOnlyMemory<byte>> ReadBodies(ReadOnlySpan<byte> arrayJson)
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        ReadArrayOfBodies(arrayJson, bodies);
        return bodies;
    }

    private static void ReadArrayOfBodies(ReadOnlySpan<byte> arrayJson, List<ReadOnlyMemory<byte>> bodies)
    {
        // One small array per body: a single buffer for a whole batch (~100 KB) would land on the large object heap
        // and cost a gen-2 collection every few dozen batches.
        var reader = new Utf8JsonReader(arrayJson);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a JSON array.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (!reader.ValueIsEscaped)
                    {
                        bodies.Add(reader.ValueSpan.ToArray());
                        break;
                    }

                    var buffer = new byte[reader.ValueSpan.Length];
                    var written = reader.CopyString(buffer);
                    bodies.Add(buffer.AsMemory(0, written));
                    break;
                case JsonTokenType.Null:
                    bodies.Add(ReadOnlyMemory<byte>.Empty);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    // dataType unset makes the host send parsed JSON; keep each element's JSON text as its body.
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    bodies.Add(arrayJson[start..(int)(reader.TokenStartIndex + 1)].ToArray());
                    break;
                default:
                    bodies.Add(reader.ValueSpan.ToArray());
                    break;
            }
        }
    }

    private static TriggerPartition ReadPartition(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object
            || !(TryGetPropertyIgnoreCase(metadata, "TriggerPartitionContext", out var context)
                 || TryGetPropertyIgnoreCase(metadata, "PartitionContext", out context))
            || context.ValueKind != JsonValueKind.Object)
        {
            return new TriggerPartition(null, null, null);
        }

        return new TriggerPartition(
            StringProperty(context, "EventHubName"),
            StringProperty(context, "ConsumerGroup"),
            StringProperty(context, "PartitionId"));
    }

    private static JsonDocument? ReadArray(JsonElement metadata, string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !TryGetPropertyIgnoreCase(metadata, name, out var value))
        {
            return null;
        }

        try
        {
            var parsed = Unwrap(value);
            if (parsed is not null && parsed.RootElement.ValueKind == JsonValueKind.Array)
            {
                return parsed;
            }

            parsed?.Dispose();
            return value.ValueKind == JsonValueKind.Array ? JsonDocument.Parse(JsonMarshal.GetRawUtf8Value(value).ToArray()) : null;
        }
        catch (JsonException)
        {
            // Positions are diagnostics: a malformed array must not fail a batch whose events are fine.
            return null;
        }
    }

    /// <summary>§2.3: a string value holds JSON text; parse it. Other kinds are used as they are (null here).</summary>
    private static JsonDocument? Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(value.GetString()!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringAt(JsonDocument? array, int index)
    {
        if (array is null || index >= array.RootElement.GetArrayLength())
        {
            return null;
        }

        var e = array.RootElement[index];
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };
    }

    private static long? LongAt(JsonDocument? array, int index)
    {
        if (array is null || index >= array.RootElement.GetArrayLength())
        {
            return null;
        }

        var e = array.RootElement[index];
        return e.ValueKind switch
        {
            JsonValueKind.Number when e.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static DateTimeOffset? TimeAt(JsonDocument? array, int index)
    {
        var text = StringAt(array, index);

        // The host writes UTC DateTimes without a zone designator (§4.2): read them as UTC, accept Z or an offset too.
        return text is not null && DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        TryGetPropertyIgnoreCase(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The host's JSON comes from Newtonsoft with exact names; be lenient about case anyway (§7.1 is too).</summary>
    private static bool TryGetPropertyIgnoreCase(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
