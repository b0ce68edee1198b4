using System.Text.Json.Nodes;

namespace TouchpointPipeline.Sdk;

/// <summary>
/// Fluent builder for one event; start from a typed factory in <see cref="TouchpointEvents"/>, add who and where,
/// then <see cref="Build"/> (or pass the builder to <see cref="TouchpointClient.TrackAsync(TouchpointEventBuilder, CancellationToken)"/>).
/// Not thread-safe; build each event on one thread.
/// </summary>
public sealed class TouchpointEventBuilder
{
    private readonly JsonObject _data;
    private TouchpointChannel _channel;
    private readonly TouchpointChannel[] _allowedChannels;
    private string? _customerId;
    private string? _anonymousId;
    private string? _sessionId;
    private string? _subject;
    private DateTimeOffset? _time;
    private string? _userHash;

    internal TouchpointEventBuilder(string type, JsonObject data, params TouchpointChannel[] allowedChannels)
    {
        Type = type;
        _data = data;
        _allowedChannels = allowedChannels;
        _channel = allowedChannels[0];
    }

    /// <summary>The event type.</summary>
    public string Type { get; }

    /// <summary>The known customer id (the timeline key).</summary>
    public TouchpointEventBuilder ForCustomer(string customerId)
    {
        _customerId = Required(customerId, nameof(customerId));
        return this;
    }

    /// <summary>The anonymous visitor or device id (used until the customer is identified).</summary>
    public TouchpointEventBuilder ForAnonymous(string anonymousId)
    {
        _anonymousId = Required(anonymousId, nameof(anonymousId));
        return this;
    }

    /// <summary>The emitter's session id.</summary>
    public TouchpointEventBuilder InSession(string sessionId)
    {
        _sessionId = Required(sessionId, nameof(sessionId));
        return this;
    }

    /// <summary>What the event is about (a page path, a call id).</summary>
    public TouchpointEventBuilder About(string subject)
    {
        _subject = Required(subject, nameof(subject));
        return this;
    }

    /// <summary>When it happened; default: when <see cref="Build"/> runs.</summary>
    public TouchpointEventBuilder At(DateTimeOffset time)
    {
        _time = time;
        return this;
    }

    /// <summary>
    /// The identity verification hash for a <c>customer.identified</c> event sent with a write key that verifies
    /// identities: <see cref="TouchpointEvents.UserHash"/> of the customer id, computed where the identity secret is kept.
    /// </summary>
    public TouchpointEventBuilder WithUserHash(string userHash)
    {
        _userHash = Required(userHash, nameof(userHash));
        return this;
    }

    /// <summary>The channel, for types that allow more than one (clickstream types: web, the default, or app).</summary>
    public TouchpointEventBuilder On(TouchpointChannel channel)
    {
        if (Array.IndexOf(_allowedChannels, channel) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"{Type} events happen on {string.Join(" or ", _allowedChannels)}.");
        }

        _channel = channel;
        return this;
    }

    /// <summary>An extra data field (the schemas allow additional properties).</summary>
    public TouchpointEventBuilder With(string name, JsonNode? value)
    {
        _data[Required(name, nameof(name))] = value;
        return this;
    }

    /// <summary>The event, with a new UUIDv7 id. Requires a customer or anonymous id.</summary>
    public TouchpointEvent Build(TimeProvider? timeProvider = null)
    {
        if (_customerId is null && _anonymousId is null)
        {
            throw new InvalidOperationException($"A {Type} event needs ForCustomer(...) or ForAnonymous(...): events belong to a customer timeline.");
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return new TouchpointEvent(
            Guid.CreateVersion7(now).ToString("D"), Type, _channel, _time ?? now, _customerId, _anonymousId, _sessionId, _subject,
            (JsonObject)_data.DeepClone(), userHash: _userHash);
    }

    internal static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value;
}
