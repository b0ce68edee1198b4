using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Alerts;

[JsonSerializable(typeof(Alert))]
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
public sealed partial class AlertJsonContext : JsonSerializerContext;
