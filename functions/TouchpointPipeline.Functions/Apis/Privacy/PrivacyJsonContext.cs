using System.Text.Json.Serialization;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Functions.Apis.Privacy;

[JsonSerializable(typeof(DataSubjectRequest))]
[JsonSerializable(typeof(ErasureReport))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PrivacyJsonContext : JsonSerializerContext;
