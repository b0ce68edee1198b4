using System.Globalization;
using System.Security.Cryptography;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>
/// A batch's identity must be the same on every redelivery, so quarantine and parked blobs are written once. The
/// host gives sequence numbers and enqueued times, which a redelivery repeats exactly; without them (hand-made
/// payloads) the id falls back to a hash of the bodies.
/// </summary>
public static class BatchIdentity
{
    public static string IdFor(string hub, IReadOnlyList<RawEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0 && events.All(e => e.Position.SequenceNumber is not null))
        {
            var partition = events[0].Position.PartitionId ?? "none";
            var first = events.Min(e => e.Position.SequenceNumber!.Value);
            var last = events.Max(e => e.Position.SequenceNumber!.Value);
            return string.Create(CultureInfo.InvariantCulture, $"{Sanitize(hub)}-p{Sanitize(partition)}-s{first}-{last}");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in events)
        {
            hash.AppendData(BitConverter.GetBytes(e.Body.Length));
            hash.AppendData(e.Body.Span);
        }

        return $"{Sanitize(hub)}-h{Convert.ToHexStringLower(hash.GetHashAndReset())[..32]}";
    }

    /// <summary>For a payload that could not be decoded into events: a hash of its bytes, stable across redeliveries.</summary>
    public static string IdForPayload(string prefix, ReadOnlySpan<byte> payload) =>
        $"{Sanitize(prefix)}-h{Convert.ToHexStringLower(SHA256.HashData(payload))[..32]}";

    /// <summary>The earliest enqueued time, so the date folder of a redelivered batch is the same; now when unknown.</summary>
    public static DateTimeOffset TimeFor(IReadOnlyList<RawEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        DateTimeOffset? earliest = null;
        foreach (var e in events)
        {
            if (e.Position.EnqueuedTime is { } t && (earliest is null || t < earliest))
            {
                earliest = t;
            }
        }

        return earliest ?? now;
    }

    private static string Sanitize(string value)
    {
        Span<char> buffer = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            buffer[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
        }

        return new string(buffer);
    }
}
