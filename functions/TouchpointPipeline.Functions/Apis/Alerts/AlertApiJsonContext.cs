using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Apis.Alerts;

/// <summary>Same options as Core's <c>AlertJsonContext</c>, so an alert has one JSON shape on the API, the hub and the webhook.</summary>
[JsonSerializable(typeof(AlertListResponse))]
[JsonSerializable(typeof(AlertActionRequest))]
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class AlertApiJsonContext : JsonSerializerContext;
