using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Turns one raw body into a normalized <see cref="TouchpointEvent"/> or a quarantine record: size limit, JSON, schema,
/// representable content, then the time window. Total: no body makes it throw; anything unexpected becomes an
/// <see cref="QuarantineReason.Unprocessable"/> record. The hot path: one pooled <see cref="JsonDocument"/> per event,
/// the data object copied once.
/// </summary>
public sealed class EventReader(SchemaValidator validator, IOptions<ValidationOptions> options, IOptions<IdentityOptions> identity)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    // Duplicate keys would let a reader and the validator see different values for one attribute: refuse them.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };
    private readonly ValidationOptions _options = options.Value;
    private readonly IdentityOptions _identity = identity.Value;

    /// <param name="raw">The body and its hub position.</param>
    /// <param name="receivedAt">When the pipeline received the event: the enqueued time when known, else now.</param>
    public ReadResult Read(RawEvent raw, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(raw);
        try
        {
            return ReadChecked(raw, receivedAt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One event's content must never fail its batch or request: whatever slipped past the checks is quarantined.
            return Reject(raw, QuarantineReason.Unprocessable, null, Unprocessable(ex));
        }
    }

    /// <summary>The quarantine error for an event a stage could not handle: the exception type, never its message (it may quote content).</summary>
    public static ValidationError Unprocessable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ValidationError("$", "unprocessable", $"Processing the event failed with {exception.GetType().FullName}.");
    }

    private ReadResult ReadChecked(RawEvent raw, DateTimeOffset receivedAt)
    {
        if (raw.Body.Length > _options.MaxEventBytes)
        {
            return Reject(raw, QuarantineReason.TooLarge, null, new ValidationError(
                "$", "maxBytes", $"The event is {raw.Body.Length} bytes; the limit is {_options.MaxEventBytes}."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw.Body, ParseOptions);
        }
        catch (JsonException ex)
        {
            return Reject(raw, QuarantineReason.Malformed, null, new ValidationError(
                "$", "json", $"The body is not valid JSON: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check decodes property names; one holding an unpaired surrogate escape cannot be decoded.
            return Reject(raw, QuarantineReason.Invalid, null, new ValidationError(
                "$", "unicode", "A property name holds an unpaired UTF-16 surrogate; names must be valid Unicode."));
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new List<ValidationError>(0);
            if (!validator.Validate(root, errors))
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), [.. errors]);
            }

            if (RepresentableContent.Check(root, raw.Body.Span) is { } unrepresentable)
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), unrepresentable);
            }

            if (!TryParseTime(root.GetProperty("time"), out var deviceTime))
            {
                // The schema accepted the string but .NET cannot represent it (e.g. year 0000): still the sender's error.
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "time", "format", "time must be an RFC 3339 date-time that .NET can represent."));
            }

            DateTimeOffset? sentAt = root.TryGetProperty("sentat", out var sent) && TryParseTime(sent, out var s) ? s : null;

            // Snowplow's derived time / Segment's timestamp: the device clock's offset cancels out of (sentat - time).
            if (!TryDeriveTime(deviceTime, sentAt, receivedAt, out var time))
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "sentat", "range", "received time - (sentat - time) falls outside the dates .NET can represent."));
            }

            // Differences, not receivedAt ± limit: a host-supplied received time near the calendar's ends cannot overflow.
            if (receivedAt - time > _options.MaxLateness)
            {
                return Reject(raw, QuarantineReason.Late, TryGetId(root), new ValidationError(
                    "time", "late", $"time {time:O} is more than {_options.MaxLateness} before the received time {receivedAt:O}."));
            }

            if (time - receivedAt > _options.MaxFuture)
            {
                return Reject(raw, QuarantineReason.Future, TryGetId(root), new ValidationError(
                    "time", "future", $"time {time:O} is more than {_options.MaxFuture} after the received time {receivedAt:O}."));
            }

            if (!ChannelNames.TryParse(root.GetProperty("channel").GetString(), out var channel))
            {
                // Unreachable while the envelope schema pins the enum; kept so a schema edit cannot crash ingestion.
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "channel", "enum", "channel must be one of web, app, call, chat."));
            }

            var sentCustomerId = GetOptionalString(root, "customerid");
            var sentAnonymousId = GetOptionalString(root, "anonymousid");
            if (CustomerKeys.ReservedPrefixOf(sentCustomerId) is { } reserved)
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "customerid", "reserved_prefix", $"customerid must not start with '{reserved}': the pipeline keys anonymous visitors, hashed identifiers and its own records with it (reserved: {string.Join(", ", CustomerKeys.ReservedPrefixes)})."));
            }

            if (sentAnonymousId is not null && sentAnonymousId.AsSpan().TrimStart().StartsWith(CustomerKeys.HashedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "anonymousid", "reserved_prefix", $"anonymousid must not start with '{CustomerKeys.HashedPrefix}': the pipeline marks hashed identifiers with it."));
            }

            var customerId = _identity.IsBlocked(sentCustomerId) ? null : sentCustomerId;
            var anonymousId = _identity.IsBlocked(sentAnonymousId) ? null : sentAnonymousId;
            if (customerId is null && anonymousId is null)
            {
                return Reject(raw, QuarantineReason.Invalid, TryGetId(root), new ValidationError(
                    "customerid", "blocked", "customerid and anonymousid are missing or placeholders (null, undefined, anonymous, 0, -1, all zeros…); the event belongs to nobody."));
            }

            return ReadResult.Valid(Normalize(root, channel.Value, customerId, anonymousId, (time, deviceTime, sentAt), receivedAt, raw.Position));
        }
    }

    private static bool TryDeriveTime(DateTimeOffset deviceTime, DateTimeOffset? sentAt, DateTimeOffset receivedAt, out DateTimeOffset time)
    {
        time = deviceTime;
        if (sentAt is not { } at)
        {
            return true;
        }

        // Both within the calendar, so the skew fits a TimeSpan; only the final subtraction can leave the calendar.
        var ticks = receivedAt.UtcTicks - (at.UtcTicks - deviceTime.UtcTicks);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        time = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static TouchpointEvent Normalize(
        JsonElement root, Channel channel, string? customerId, string? anonymousId,
        (DateTimeOffset Event, DateTimeOffset Device, DateTimeOffset? Sent) time, DateTimeOffset receivedAt, SourcePosition position)
    {

        return new TouchpointEvent
        {
            Id = root.GetProperty("id").GetString()!,
            Type = root.GetProperty("type").GetString()!,
            Source = root.GetProperty("source").GetString()!,
            Channel = channel,
            CustomerKey = customerId ?? CustomerKeys.ForAnonymous(anonymousId!),
            CustomerId = customerId,
            AnonymousId = anonymousId,
            SessionId = GetOptionalString(root, "sessionid"),
            Subject = GetOptionalString(root, "subject"),
            UserAgent = GetOptionalString(root, "useragent")
                ?? (root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? GetOptionalString(d, "userAgent") : null),
            Time = time.Event,
            DeviceTime = time.Device,
            SentAt = time.Sent,
            ReceivedAt = receivedAt,
            Data = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? JsonMarshal.GetRawUtf8Value(data).ToArray()
                : EmptyObject,
            Position = position,
        };
    }

    // The validator's own RFC 3339 parser, so the two can never disagree about a timestamp.
    private static bool TryParseTime(JsonElement element, out DateTimeOffset time) =>
        Rfc3339Timestamp.TryParse(element.GetString(), out time);

    private static string? GetOptionalString(JsonElement root, string name) => JsonText.TryGetString(root, name);

    // Only for quarantine records: an id that is not valid Unicode is left out rather than thrown on.
    private static string? TryGetId(JsonElement root) => JsonText.TryGetString(root, "id");

    private static ReadResult Reject(RawEvent raw, string reason, string? eventId, params ValidationError[] errors) =>
        ReadResult.Rejected(new QuarantinedEvent(reason, errors, raw.Body, raw.Position, eventId));
}
