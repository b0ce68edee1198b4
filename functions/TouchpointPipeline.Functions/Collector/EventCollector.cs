using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Validation;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Judges each event of a batch with the pipeline's own <see cref="EventReader"/>, so the collector rejects exactly what
/// ingest would quarantine (same reason and field; the time window is measured from the request time), then checks the
/// write key's sources, its scope (channels, event types) and, when the key verifies identities, each
/// <c>customer.identified</c> event's <c>userhash</c>. Accepted events become hub messages keyed by customer key, their
/// bytes as the emitter sent them except for the <c>sentat</c> and <c>useragent</c> attributes the collector fills in
/// when missing and the <c>userhash</c> it removes.
/// </summary>
internal sealed class EventCollector(EventReader reader, HubRouting hubs, IOptions<ValidationOptions> validation, PipelineMetrics metrics, TimeProvider time)
{
    public const int MaxUserAgentLength = 1024;
    private const string CollectorHub = "collector";

    public CollectOutcome Collect(JsonElement events, WriteKeyGrant grant, string? batchSentAt, string? userAgent)
    {
        var now = time.GetUtcNow();
        var position = new SourcePosition(CollectorHub, null, null, null, now, null);
        if (userAgent is { Length: > MaxUserAgentLength })
        {
            // Never cut a surrogate pair in half: the spliced attribute must stay valid UTF-16.
            userAgent = userAgent[..(char.IsHighSurrogate(userAgent[MaxUserAgentLength - 1]) ? MaxUserAgentLength - 1 : MaxUserAgentLength)];
        }

        var results = new List<EventResult>(events.GetArrayLength());
        var messages = new List<PublishMessage>(results.Capacity);
        foreach (var element in events.EnumerateArray())
        {
            var id = JsonText.TryGetString(element, "id");
            try
            {
                var (result, message) = CollectOne(element, id, grant, batchSentAt, userAgent, position, now);
                results.Add(result);
                if (message is { } m)
                {
                    messages.Add(m);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One event's content must never fail the request: answer for it and go on with the rest.
                var error = EventReader.Unprocessable(ex);
                results.Add(new EventResult(id, EventResult.Rejected, QuarantineReason.Unprocessable, error.Field, error.Message));
            }
        }

        return new CollectOutcome(results, messages);
    }

    private (EventResult Result, PublishMessage? Message) CollectOne(
        JsonElement element, string? id, WriteKeyGrant grant, string? batchSentAt, string? userAgent, SourcePosition position, DateTimeOffset now)
    {
        var body = WithCollectorAttributes(element, batchSentAt, userAgent, validation.Value.MaxEventBytes);
        var read = reader.Read(new RawEvent(body, position), now);
        if (read.Quarantined is { } rejected)
        {
            var error = rejected.Errors.Count > 0 ? rejected.Errors[0] : null;
            var reason = id is null && error is { Field: "id", Rule: "required" } ? RejectionReasons.MissingId : rejected.Reason;
            return (new EventResult(id, EventResult.Rejected, reason, error?.Field, error?.Message), null);
        }

        var e = read.Event!;
        if (!grant.Allows(e.Source))
        {
            return (new EventResult(e.Id, EventResult.Rejected, RejectionReasons.SourceNotAllowed, "source",
                $"The write key '{grant.Name}' is not issued for source '{e.Source}'."), null);
        }

        if (!grant.Scope.AllowsChannel(e.Channel))
        {
            return (new EventResult(e.Id, EventResult.Rejected, RejectionReasons.ChannelNotAllowed, "channel",
                $"The write key '{grant.Name}' is not issued for channel '{e.Channel.ToWire()}'."), null);
        }

        if (!grant.Scope.AllowsType(e.Type))
        {
            return (new EventResult(e.Id, EventResult.Rejected, RejectionReasons.TypeNotAllowed, "type",
                $"The write key '{grant.Name}' is not issued for event type '{e.Type}'."), null);
        }

        var userHash = JsonText.TryGetString(element, IdentityVerifier.Attribute);
        if (grant.Identity is { } identity && e.Type == EventTypes.CustomerIdentified
            && (e.CustomerId is not { } customerId || !identity.Verifies(customerId, userHash)))
        {
            metrics.RecordIdentityNotVerified(grant.Name);
            return (new EventResult(e.Id, EventResult.Rejected, RejectionReasons.IdentityNotVerified, IdentityVerifier.Attribute,
                userHash is null
                    ? $"The write key '{grant.Name}' verifies identities: send {IdentityVerifier.Attribute} = hex HMAC-SHA256 of customerid, computed by your back end."
                    : $"{IdentityVerifier.Attribute} is not the HMAC-SHA256 of customerid under the write key's identity secret."), null);
        }

        // The hash vouches for one customer id to this key; it is a credential, not a fact about the customer.
        var published = HasProperty(element, "userhash"u8) ? WithoutAttribute(body, IdentityVerifier.Attribute) : body;
        return (new EventResult(e.Id, EventResult.Accepted), new PublishMessage(hubs.HubFor(e.Channel), e.CustomerKey, published));
    }

    /// <summary>The event's bytes rewritten without the top-level member <paramref name="name"/> (every other member as sent).</summary>
    internal static ReadOnlyMemory<byte> WithoutAttribute(ReadOnlyMemory<byte> body, string name)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = new ArrayBufferWriter<byte>(body.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals(name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>True when at least one event names a source and the key allows none of the named sources (403).</summary>
    public static bool AllowsNoSource(JsonElement events, WriteKeyGrant grant)
    {
        var named = false;
        foreach (var element in events.EnumerateArray())
        {
            if (JsonText.TryGetString(element, "source") is { } source)
            {
                named = true;
                if (grant.Allows(source))
                {
                    return false;
                }
            }
        }

        return named;
    }

    /// <summary>
    /// The element's own bytes with <c>sentat</c>/<c>useragent</c> appended before the closing brace when absent. Splicing
    /// keeps every other byte as sent; a fill that would push the event over the size limit is left out (best effort).
    /// </summary>
    internal static ReadOnlyMemory<byte> WithCollectorAttributes(JsonElement element, string? sentAt, string? userAgent, int maxEventBytes)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var fillSentAt = sentAt is not null && element.ValueKind == JsonValueKind.Object && !HasProperty(element, "sentat"u8);
        var fillUserAgent = !string.IsNullOrEmpty(userAgent) && element.ValueKind == JsonValueKind.Object && !HasProperty(element, "useragent"u8);
        if ((!fillSentAt && !fillUserAgent) || raw.Length > maxEventBytes)
        {
            return raw.ToArray();
        }

        var empty = !element.EnumerateObject().Any();
        var buffer = new ArrayBufferWriter<byte>(raw.Length + 64 + (userAgent?.Length ?? 0) * 2);
        buffer.Write(raw[..^1]);
        var tail = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(tail))
        {
            writer.WriteStartObject();
            if (fillSentAt)
            {
                writer.WriteString("sentat", sentAt);
            }

            if (fillUserAgent)
            {
                writer.WriteString("useragent", userAgent);
            }

            writer.WriteEndObject();
        }

        // tail is {"sentat":…,"useragent":…}: drop its braces and join with a comma unless the event was {}.
        var members = tail.WrittenSpan[1..^1];
        if (!empty)
        {
            buffer.Write(","u8);
        }

        buffer.Write(members);
        buffer.Write("}"u8);
        return buffer.WrittenCount > maxEventBytes ? raw.ToArray() : buffer.WrittenMemory;
    }

    /// <summary>
    /// Like <see cref="JsonElement.TryGetProperty(ReadOnlySpan{byte}, out JsonElement)"/>, but a name that cannot be decoded
    /// (an unpaired surrogate escape) simply does not match, so the reader, not this splice, judges the event.
    /// </summary>
    private static bool HasProperty(JsonElement element, ReadOnlySpan<byte> utf8Name)
    {
        foreach (var property in element.EnumerateObject())
        {
            try
            {
                if (property.NameEquals(utf8Name))
                {
                    return true;
                }
            }
            catch (InvalidOperationException)
            {
                // Not decodable, so not this name.
            }
        }

        return false;
    }
}
