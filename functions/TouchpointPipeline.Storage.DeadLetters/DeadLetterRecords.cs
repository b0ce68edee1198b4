using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// The file formats of the quarantine (JSON Lines, one record per event) and of a parked batch (one JSON document),
/// and their names. Shared by the blob and the folder stores so both write byte-identical files.
/// </summary>
internal static class DeadLetterRecords
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static string QuarantineName(QuarantineBatch batch) =>
        $"{Safe(batch.Hub)}/{batch.BatchTime.UtcDateTime:yyyy/MM/dd}/{Safe(batch.BatchId)}.jsonl";

    public static string ParkedName(ParkedBatch batch) =>
        // No date in the name: a batch parked again on a later redelivery must land on the same name.
        $"{Safe(batch.FunctionName)}/{Safe(batch.BatchId)}.json";

    public static byte[] Quarantine(QuarantineBatch batch, DeadLetterCipher cipher)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * Math.Max(1, batch.Events.Count));
        foreach (var e in batch.Events)
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("reason", e.Reason);
                writer.WriteStartArray("errors");
                foreach (var error in e.Errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", error.Field);
                    writer.WriteString("rule", error.Rule);
                    writer.WriteString("message", error.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteString("eventId", e.EventId);
                writer.WriteString("functionName", batch.FunctionName);
                writer.WriteString("batchId", batch.BatchId);
                writer.WriteString("batchTime", batch.BatchTime);
                writer.WriteString("batchHub", batch.Hub);
                writer.WriteString("hub", e.Position.Hub);
                writer.WriteString("partitionId", e.Position.PartitionId);
                writer.WriteString("offset", e.Position.Offset);
                if (e.Position.SequenceNumber is { } seq)
                {
                    writer.WriteNumber("sequenceNumber", seq);
                }
                else
                {
                    writer.WriteNull("sequenceNumber");
                }

                if (e.Position.EnqueuedTime is { } enqueued)
                {
                    writer.WriteString("enqueuedTime", enqueued);
                }
                else
                {
                    writer.WriteNull("enqueuedTime");
                }

                if (cipher.Enabled)
                {
                    // The body and the partition key (often the raw customer id) are what carries personal data.
                    writer.WriteString("partitionKeyEncrypted", e.Position.PartitionKey is { } key ? cipher.Seal(key) : null);
                    writer.WriteString("bodyEncrypted", cipher.Seal(e.Body.Span));
                }
                else
                {
                    writer.WriteString("partitionKey", e.Position.PartitionKey);
                    WriteBody(writer, "body", e.Body.Span, asJsonValue: false);
                }
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Parked(ParkedBatch batch, DeadLetterCipher cipher)
    {
        var buffer = new ArrayBufferWriter<byte>(batch.Payload.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("batchId", batch.BatchId);
            writer.WriteString("functionName", batch.FunctionName);
            writer.WriteString("parkedAt", batch.ParkedAt);
            writer.WriteNumber("attempts", batch.Attempts);
            writer.WriteString("failureType", batch.FailureType);
            writer.WriteString("failureMessage", batch.FailureMessage);
            if (cipher.Enabled)
            {
                writer.WriteString("payloadEncrypted", cipher.Seal(batch.Payload.Span));
            }
            else
            {
                WriteBody(writer, "payload", batch.Payload.Span, asJsonValue: true);
            }
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A body is kept readable when it can be: as an embedded JSON value (parked payloads, so a replay posts the
    /// same JSON), or as a string when it is UTF-8; otherwise base64 under <c>&lt;name&gt;Base64</c>.
    /// </summary>
    private static void WriteBody(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> body, bool asJsonValue)
    {
        if (asJsonValue && IsJson(body))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(body, skipInputValidation: true);
        }
        else if (System.Text.Unicode.Utf8.IsValid(body))
        {
            writer.WriteString(name, body);
        }
        else
        {
            writer.WriteBase64String(name + "Base64", body);
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return reader.Read() && TrySkipAll(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TrySkipAll(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return !reader.Read();
    }

    /// <summary>
    /// Blob and file names: letters, digits and <c>-_.</c> only, so no path can be smuggled in; at most
    /// <see cref="MaxSegmentLength"/> characters, so a long hub name cannot push a file name past the file system's
    /// 255-byte limit. A longer value keeps its start and ends in a hash of the whole value, so names stay distinct.
    /// </summary>
    private static string Safe(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var safe = builder.Length == 0 || builder.ToString() is "." or ".." ? "_" : builder.ToString();
        if (safe.Length <= MaxSegmentLength)
        {
            return safe;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
        return safe[..(MaxSegmentLength - hash.Length - 1)] + "-" + hash;
    }

    /// <summary>Longest name segment: room for a <c>.jsonl</c> extension and the temp suffix of a folder write.</summary>
    internal const int MaxSegmentLength = 160;
}
