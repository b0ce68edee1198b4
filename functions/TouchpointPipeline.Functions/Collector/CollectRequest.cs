using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// The envelope body of <c>POST /api/events</c>, for the OpenAPI description only: the handler reads the raw bytes
/// (each event is kept as sent), see <see cref="CollectorEndpoints"/>.
/// </summary>
internal sealed record CollectRequest(
    [property: JsonPropertyName("events")] IReadOnlyList<TouchpointEventDocument> Events,
    [property: JsonPropertyName("sentAt")] DateTimeOffset? SentAt = null);
