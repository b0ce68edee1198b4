using System.Buffers;
using System.Text.Json;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Enrichment;

/// <summary>Writes an event's <c>enrichment</c> object: device, sentiment and redaction counts, each only when present.</summary>
internal static class EnrichmentWriter
{
    public static ReadOnlyMemory<byte> Write(byte[]? device, SentimentScore? score, RedactionCounts redactions)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (device is not null)
            {
                writer.WritePropertyName("device"u8);
                writer.WriteRawValue(device, skipInputValidation: true);
            }

            if (score is not null)
            {
                writer.WriteStartObject("sentiment");
                writer.WriteNumber("score", Math.Round(score.Score, 3));
                writer.WriteString("label", score.Label.ToString().ToLowerInvariant());
                writer.WriteEndObject();
            }

            if (redactions.Total > 0)
            {
                writer.WriteStartObject("redactions");
                writer.WriteNumber("emails", redactions.Emails);
                writer.WriteNumber("phones", redactions.Phones);
                writer.WriteNumber("cards", redactions.Cards);
                writer.WriteNumber("ibans", redactions.Ibans);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
