using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.HostProtocol;

/// <summary>
/// Decodes the host's invocation body for an <c>eventHubTrigger</c> with <c>cardinality: many</c> and
/// <c>dataType: string</c> (protocol doc §2.3, §4.2, §4.4): <c>Data.&lt;binding&gt;</c> is a JSON string holding a JSON
/// array of strings, each the exact event body; every <c>Metadata.*Array</c> is a JSON string holding an array whose
/// element i belongs to event i. All bodies are unescaped into one buffer per batch, so an event costs no copy of its own.
/// </summary>
internal static class EventHubBatchDecoder
{
    public static DecodeResult Decode(ReadOnlyMemory<byte> requestBody, string bindingName, string fallbackHub)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestBody);
        }
        catch (JsonException ex)
        {
            return DecodeResult.Failure($"The invocation body is not JSON: {ex.Message}", null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return DecodeResult.Failure("The invocation body is not a JSON object.", null);
            }

            var metadata = TryGetPropertyIgnoreCase(root, "Metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var retry = ReadRetryContext(metadata);
            if (!TryGetPropertyIgnoreCase(root, "Data", out var data) || data.ValueKind != JsonValueKind.Object
                || !TryGetPropertyIgnoreCase(data, bindingName, out var events))
            {
                return DecodeResult.Failure($"The invocation body has no Data.{bindingName}.", retry);
            }

            List<ReadOnlyMemory<byte>> bodies;
            try
            {
                bodies = ReadBodies(events);
            }
            catch (JsonException ex)
            {
                return DecodeResult.Failure($"Data.{bindingName} is not a JSON array of event bodies: {ex.Message}", retry);
            }

            var partition = ReadPartition(metadata);
            var hub = partition.EventHubName ?? fallbackHub;
            var partitionKeys = ReadArray(metadata, "PartitionKeyArray");
            var offsets = ReadArray(metadata, "OffsetStringArray") ?? ReadArray(metadata, "OffsetArray");
            var sequenceNumbers = ReadArray(metadata, "SequenceNumberArray");
            var enqueuedTimes = ReadArray(metadata, "EnqueuedTimeUtcArray");
            try
            {
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

                return DecodeResult.Success(new EventHubInvocation(result, partition, retry));
            }
            finally
            {
                partitionKeys?.Dispose();
                offsets?.Dispose();
                sequenceNumbers?.Dispose();
                enqueuedTimes?.Dispose();
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

    private static List<ReadOnlyMemory<byte>> ReadBodies(JsonElement events)
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        if (events.ValueKind == JsonValueKind.Null)
        {
            return bodies;
        }

        if (events.ValueKind == JsonValueKind.Array)
        {
            // Not what the host sends for dataType string, but a hand-written payload may inline the array.
            ReadArrayOfBodies(JsonMarshal.GetRawUtf8Value(events), bodies);
            return bodies;
        }

        if (events.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"expected a JSON string, found {events.ValueKind}.");
        }

        // The value is JSON text inside a JSON string: unescape it once into a pooled buffer, then read the array.
        var raw = JsonMarshal.GetRawUtf8Value(events);
        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            var length = reader.CopyString(rented);
            ReadArrayOfBodies(rented.AsSpan(0, length), bodies);
            return bodies;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void ReadArrayOfBodies(ReadOnlySpan<byte> arrayJson, List<ReadOnlyMemory<byte>> bodies)
    {
        // One owned buffer for the whole batch; unescaped bodies are never longer than their escaped form.
        var buffer = new byte[arrayJson.Length];
        var used = 0;
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
                    var written = reader.CopyString(buffer.AsSpan(used));
                    bodies.Add(buffer.AsMemory(used, written));
                    used += written;
                    break;
                case JsonTokenType.Null:
                    bodies.Add(ReadOnlyMemory<byte>.Empty);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    // dataType unset makes the host send parsed JSON; keep each element's JSON text as its body.
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var slice = arrayJson[start..(int)(reader.TokenStartIndex + 1)];
                    slice.CopyTo(buffer.AsSpan(used));
                    bodies.Add(buffer.AsMemory(used, slice.Length));
                    used += slice.Length;
                    break;
                default:
                    var value = reader.ValueSpan;
                    value.CopyTo(buffer.AsSpan(used));
                    bodies.Add(buffer.AsMemory(used, value.Length));
                    used += value.Length;
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
