using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// One event in the CloudEvents JSON event format, for the OpenAPI description only. The authoritative rules are the
/// JSON Schemas in <c>schemas/</c> (docs/event-contract.md), which the collector validates against.
/// </summary>
[Description("A touchpoint event: CloudEvents 1.0 attributes plus the extension attributes customerid, anonymousid, sessionid, channel (at least one of customerid/anonymousid). Per-type data: schemas/<type>.schema.json.")]
internal sealed record TouchpointEventDocument(
    [property: JsonPropertyName("specversion"), Description("Always 1.0.")] string Specversion,
    [property: JsonPropertyName("id"), Description("Assigned once by the emitter and reused on retry: the dedupe key.")] string Id,
    [property: JsonPropertyName("source"), Description("The emitting app or system; the write key must be issued for it.")] string Source,
    [property: JsonPropertyName("type"), Description("page.viewed, element.clicked, call.ended, chat.message, …")] string Type,
    [property: JsonPropertyName("time"), Description("RFC 3339 device time.")] DateTimeOffset Time,
    [property: JsonPropertyName("channel"), Description("web, app, call or chat.")] string Channel,
    [property: JsonPropertyName("data"), Description("The type's payload, a JSON object.")] JsonElement Data,
    [property: JsonPropertyName("customerid")] string? Customerid = null,
    [property: JsonPropertyName("anonymousid")] string? Anonymousid = null,
    [property: JsonPropertyName("sessionid")] string? Sessionid = null,
    [property: JsonPropertyName("subject")] string? Subject = null,
    [property: JsonPropertyName("sentat"), Description("The emitter's clock when sending; corrects clock skew.")] DateTimeOffset? Sentat = null,
    [property: JsonPropertyName("useragent")] string? Useragent = null,
    [property: JsonPropertyName("datacontenttype"), Description("application/json (or a +json type) when present.")] string? Datacontenttype = null);
