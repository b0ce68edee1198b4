using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Detection.Rules;

[JsonSerializable(typeof(RuleDocument))]
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
