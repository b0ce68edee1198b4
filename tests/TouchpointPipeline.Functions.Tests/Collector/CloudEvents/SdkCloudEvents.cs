using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace TouchpointPipeline.Functions.Tests.Collector.CloudEvents;

/// <summary>Our test events as the official CloudEvents SDK's <see cref="CloudEvent"/> objects, and its HTTP content.</summary>
internal static class SdkCloudEvents
{
    public static readonly JsonEventFormatter Formatter = new();

    public static readonly CloudEventAttribute[] Extensions =
    [
        CloudEventAttribute.CreateExtension("customerid", CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension("anonymousid", CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension("sessionid", CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension("channel", CloudEventAttributeType.String),
    ];

    /// <summary>The same event as one of our envelope events (JSON), built attribute by attribute through the SDK.</summary>
    public static CloudEvent From(string envelopeEvent)
    {
        var json = JsonNode.Parse(envelopeEvent)!.AsObject();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions)
        {
            Id = (string)json["id"]!,
            Source = new Uri((string)json["source"]!, UriKind.RelativeOrAbsolute),
            Type = (string)json["type"]!,
            Time = DateTimeOffset.Parse((string)json["time"]!, CultureInfo.InvariantCulture),
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.Deserialize<JsonElement>(json["data"]!.ToJsonString()),
        };
        foreach (var extension in Extensions)
        {
            if (json[extension.Name] is { } value)
            {
                cloudEvent[extension] = (string)value!;
            }
        }

        return cloudEvent;
    }

    public static HttpContent Structured(CloudEvent cloudEvent) => cloudEvent.ToHttpContent(ContentMode.Structured, Formatter);

    public static HttpContent Binary(CloudEvent cloudEvent) => cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);

    public static HttpContent Batched(IReadOnlyList<CloudEvent> cloudEvents) => cloudEvents.ToHttpContent(Formatter);

    /// <summary>The SDK's batch body with each event passed through <paramref name="edit"/> (to break some of them).</summary>
    public static string BatchJson(IReadOnlyList<CloudEvent> cloudEvents, Func<int, JsonObject, JsonObject?> edit)
    {
        var body = Formatter.EncodeBatchModeMessage(cloudEvents, out _);
        var array = JsonNode.Parse(body.Span)!.AsArray();
        var edited = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            edited.Add(edit(i, array[i]!.AsObject().DeepClone().AsObject()));
        }

        return edited.ToJsonString();
    }
}
