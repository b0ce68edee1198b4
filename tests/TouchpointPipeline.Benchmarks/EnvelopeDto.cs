using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Benchmarks;

/// <summary>The baseline: what a plain source-generated <c>JsonSerializer.Deserialize</c> of the envelope costs.</summary>
internal sealed class EnvelopeDto
{
    [JsonPropertyName("specversion")] public string? SpecVersion { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    [JsonPropertyName("customerid")] public string? CustomerId { get; set; }
    [JsonPropertyName("anonymousid")] public string? AnonymousId { get; set; }
    [JsonPropertyName("sessionid")] public string? SessionId { get; set; }
    [JsonPropertyName("channel")] public string? Channel { get; set; }
    [JsonPropertyName("data")] public JsonElement Data { get; set; }
}

[JsonSerializable(typeof(EnvelopeDto))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
