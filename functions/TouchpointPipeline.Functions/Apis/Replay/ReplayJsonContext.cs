using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Apis.Replay;

[JsonSerializable(typeof(ReplayReport))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ReplayJsonContext : JsonSerializerContext;
