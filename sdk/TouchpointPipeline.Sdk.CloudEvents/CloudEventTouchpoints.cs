using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;

namespace TouchpointPipeline.Sdk.CloudEvents;

/// <summary>
/// Sends <see cref="CloudEvent"/> objects an app already has through a <see cref="TouchpointClient"/>, keeping their
/// <c>id</c>, <c>source</c>, <c>type</c>, <c>time</c>, <c>subject</c> and the extension attributes <c>customerid</c>,
/// <c>anonymousid</c>, <c>sessionid</c> and <c>channel</c>; <c>data</c> must be JSON (an object).
/// </summary>
public static class CloudEventTouchpoints
{
    /// <summary>Queues <paramref name="cloudEvent"/> as it is (its own id and source); see <see cref="TouchpointClient.TrackAsync(TouchpointEvent, CancellationToken)"/>.</summary>
    /// <returns>False when the event was dropped; <see cref="TouchpointClient.EventsDropped"/> is raised.</returns>
    /// <exception cref="ArgumentException">The event lacks what the pipeline needs (time, channel, JSON data).</exception>
    public static ValueTask<bool> TrackAsync(this TouchpointClient client, CloudEvent cloudEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.TrackAsync(cloudEvent.ToTouchpointEvent(), cancellationToken);
    }

    /// <summary>The touchpoint for <paramref name="cloudEvent"/>, with the same id and source.</summary>
    /// <exception cref="ArgumentException">The event lacks what the pipeline needs (time, channel, JSON data).</exception>
    public static TouchpointEvent ToTouchpointEvent(this CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var id = cloudEvent.Id ?? throw Invalid("id", nameof(cloudEvent));
        var type = cloudEvent.Type ?? throw Invalid("type", nameof(cloudEvent));
        var source = cloudEvent.Source?.OriginalString ?? throw Invalid("source", nameof(cloudEvent));
        var time = cloudEvent.Time ?? throw Invalid("time", nameof(cloudEvent));
        var channel = Text(cloudEvent, "channel") switch
        {
            "web" => TouchpointChannel.Web,
            "app" => TouchpointChannel.App,
            "call" => TouchpointChannel.Call,
            "chat" => TouchpointChannel.Chat,
            var other => throw new ArgumentException($"The extension attribute channel must be web, app, call or chat, not '{other}'.", nameof(cloudEvent)),
        };
        return new TouchpointEvent(
            id, type, channel, time, Text(cloudEvent, "customerid"), Text(cloudEvent, "anonymousid"), Text(cloudEvent, "sessionid"),
            cloudEvent.Subject, DataOf(cloudEvent), source);
    }

    private static JsonObject DataOf(CloudEvent cloudEvent)
    {
        var contentType = cloudEvent.DataContentType;
        if (contentType is not null && !IsJson(contentType))
        {
            throw new ArgumentException($"Touchpoint data is a JSON object: datacontenttype must be application/json, not '{contentType}'.", nameof(cloudEvent));
        }

        var node = cloudEvent.Data switch
        {
            null => new JsonObject(),
            JsonNode json => json.DeepClone(),
            JsonElement element => JsonNode.Parse(element.GetRawText()),
            string text => JsonNode.Parse(text),
            byte[] bytes => JsonNode.Parse(bytes),
            ReadOnlyMemory<byte> memory => JsonNode.Parse(memory.Span),
            var other => JsonSerializer.SerializeToNode(other, other.GetType()),
        };
        return node as JsonObject ?? throw new ArgumentException("Touchpoint data must be a JSON object.", nameof(cloudEvent));
    }

    private static string? Text(CloudEvent cloudEvent, string attribute) => cloudEvent[attribute] switch
    {
        null => null,
        string text => text,
        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static ArgumentException Invalid(string attribute, string paramName) =>
        new($"The CloudEvent has no {attribute}; the pipeline requires it.", paramName);
}
