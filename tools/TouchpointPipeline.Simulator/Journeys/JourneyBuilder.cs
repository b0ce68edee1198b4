using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// Collects a journey's touchpoints on a relative clock, then renders them as envelopes (schemas/*.schema.json) dated
/// so the last one happens at a given wall-clock time.
/// </summary>
internal sealed class JourneyBuilder(string idPrefix, string? customerId, string? anonymousId)
{
    public const string WebSource = "https://shop.example.com";
    public const string AppSource = "app://com.example.shop";
    public const string CallSource = "urn:contact-centre:genesys";
    public const string ChatSource = "urn:chat:livechat";

    private readonly List<Step> _steps = [];
    private TimeSpan _clock;

    public string? CustomerId { get; set; } = customerId;

    public string? AnonymousId { get; set; } = anonymousId;

    public string? SessionId { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The key the pipeline files the journey under: the customer id once known, else anon:+anonymous id.</summary>
    public string CustomerKey => CustomerId ?? "anon:" + AnonymousId;

    public TimeSpan Elapsed => _clock;

    public JourneyBuilder Wait(TimeSpan by)
    {
        _clock += by;
        return this;
    }

    public JourneyBuilder Wait(double seconds) => Wait(TimeSpan.FromSeconds(seconds));

    /// <summary>Adds a touchpoint at the current clock; web and app events carry the session and user agent.</summary>
    public JourneyBuilder Add(string type, string channel, JsonObject data)
    {
        var source = channel switch
        {
            "web" => WebSource,
            "app" => AppSource,
            "call" => CallSource,
            _ => ChatSource,
        };
        var digital = channel is "web" or "app";
        _steps.Add(new Step(_clock, type, channel, source, CustomerId, AnonymousId, digital ? SessionId : null, digital ? UserAgent : null, data));
        return this;
    }

    /// <summary>Renders the envelopes, the last one at <paramref name="end"/>.</summary>
    public IReadOnlyList<SimulatedEvent> Render(DateTimeOffset end, bool tracked)
    {
        var start = end - _clock;
        var events = new List<SimulatedEvent>(_steps.Count);
        for (var i = 0; i < _steps.Count; i++)
        {
            var step = _steps[i];
            var id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{i:D3}");
            var envelope = new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = id,
                ["source"] = step.Source,
                ["type"] = step.Type,
                ["time"] = (start + step.At).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["channel"] = step.Channel,
            };
            if (step.CustomerId is not null)
            {
                envelope["customerid"] = step.CustomerId;
            }

            if (step.AnonymousId is not null)
            {
                envelope["anonymousid"] = step.AnonymousId;
            }

            if (step.SessionId is not null)
            {
                envelope["sessionid"] = step.SessionId;
            }

            if (step.UserAgent is not null)
            {
                envelope["useragent"] = step.UserAgent;
            }

            envelope["data"] = step.Data;
            var key = step.CustomerId ?? "anon:" + step.AnonymousId;
            events.Add(new SimulatedEvent(id, key, envelope.ToJsonString(SerializerOptions), tracked, step.Channel));
        }

        return events;
    }

    private static readonly JsonSerializerOptions SerializerOptions = new() { WriteIndented = false };

    private sealed record Step(
        TimeSpan At, string Type, string Channel, string Source, string? CustomerId, string? AnonymousId, string? SessionId, string? UserAgent, JsonObject Data);
}
