using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Sdk;

/// <summary>
/// One touchpoint, immutable once built. <see cref="Id"/> is a UUIDv7 assigned when the event is built and sent
/// unchanged on every retry, so the pipeline can drop the repeats. Build events with <see cref="TouchpointEvents"/>.
/// </summary>
public sealed class TouchpointEvent
{
    internal TouchpointEvent(
        string id, string type, TouchpointChannel channel, DateTimeOffset time, string? customerId, string? anonymousId,
        string? sessionId, string? subject, JsonObject data, string? source = null, string? userHash = null)
    {
        UserHash = userHash;
        _source = source;
        Id = id;
        Type = type;
        Channel = channel;
        Time = time;
        CustomerId = customerId;
        AnonymousId = anonymousId;
        SessionId = sessionId;
        Subject = subject;
        Data = data;
    }

    // Null for the SDK's own events (they take the client's source); set for adapted events that carry their own.
    private readonly string? _source;

    /// <summary>The event id (UUIDv7): the dedupe key.</summary>
    public string Id { get; }

    /// <summary>The event type (<c>page.viewed</c>, <c>call.ended</c>…).</summary>
    public string Type { get; }

    /// <summary>Where it happened.</summary>
    public TouchpointChannel Channel { get; }

    /// <summary>When it happened, on this device's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The known customer, when identified.</summary>
    public string? CustomerId { get; }

    /// <summary>The anonymous visitor/device id.</summary>
    public string? AnonymousId { get; }

    /// <summary>The emitter's session id.</summary>
    public string? SessionId { get; }

    /// <summary>What the event is about within the source (a page path, a call id).</summary>
    public string? Subject { get; }

    /// <summary>
    /// Identity verification (<c>customer.identified</c> through a write key that verifies identities): lower-case hex
    /// of HMAC-SHA256 of <see cref="CustomerId"/> under the key's identity secret; see <see cref="TouchpointEvents.UserHash"/>.
    /// </summary>
    public string? UserHash { get; }

    /// <summary>The type-specific payload (a copy is sent; changing it after tracking has no effect on the sent event).</summary>
    public JsonObject Data { get; }

    internal static string Wire(TouchpointChannel channel) => channel switch
    {
        TouchpointChannel.Web => "web",
        TouchpointChannel.App => "app",
        TouchpointChannel.Call => "call",
        TouchpointChannel.Chat => "chat",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    internal static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The CloudEvents-shaped envelope the collector expects, as UTF-8 JSON.</summary>
    internal byte[] ToJson(string source)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", Id);
            writer.WriteString("source", _source ?? source);
            writer.WriteString("type", Type);
            writer.WriteString("time", Rfc3339(Time));
            writer.WriteString("channel", Wire(Channel));
            WriteOptional(writer, "customerid", CustomerId);
            WriteOptional(writer, "anonymousid", AnonymousId);
            WriteOptional(writer, "sessionid", SessionId);
            WriteOptional(writer, "subject", Subject);
            WriteOptional(writer, "userhash", UserHash);
            writer.WritePropertyName("data");
            Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
