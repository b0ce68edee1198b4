using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Detection;

[JsonSerializable(typeof(DetectorState))]
[JsonSerializable(typeof(PendingCheck))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DetectionJsonContext : JsonSerializerContext;
