using System.Text.Json;

namespace TouchpointPipeline.Core.Events;

/// <summary>
/// A validated, normalized touchpoint: the CloudEvents envelope flattened, the customer key resolved and the
/// type-specific <c>data</c> object kept as its original UTF-8 JSON (never re-serialized).
/// </summary>
public sealed record TouchpointEvent
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Source { get; init; }
    public required Channel Channel { get; init; }

    /// <summary><c>customerid</c> when present, else <c>anon:</c> + <c>anonymousid</c>. The partition key everywhere.</summary>
    public required string CustomerKey { get; init; }
    public string? CustomerId { get; init; }
    public string? AnonymousId { get; init; }
    public string? SessionId { get; init; }
    public string? Subject { get; init; }

    /// <summary>The <c>useragent</c> attribute (or <c>data.userAgent</c>), input to device detection.</summary>
    public string? UserAgent { get; init; }

    /// <summary>What the pipeline derived (device, sentiment, redaction counts) as a UTF-8 JSON object; empty when nothing.</summary>
    public ReadOnlyMemory<byte> Enrichment { get; init; }

    /// <summary>
    /// The event time the timeline orders by: the device time corrected for the device clock's skew when the emitter
    /// says when it sent the event (<c>received − (sentat − time)</c>), else the device time.
    /// </summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The emitter's <c>time</c> attribute, as the device clock saw it.</summary>
    public required DateTimeOffset DeviceTime { get; init; }

    /// <summary>The emitter's <c>sentat</c> attribute (device clock), when present.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When the pipeline first received the event: the hub's enqueued time, or the processing time.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The type-specific payload as UTF-8 JSON (an object; <c>{}</c> when the envelope had none).</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    public required SourcePosition Position { get; init; }

    /// <summary>Parses <see cref="Data"/>; for readers off the hot path.</summary>
    public JsonDocument ParseData() => JsonDocument.Parse(Data);
}
