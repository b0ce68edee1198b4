using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Triggers.HostPayloads;

[JsonSerializable(typeof(InvocationResponse))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class HostJsonContext : JsonSerializerContext;
