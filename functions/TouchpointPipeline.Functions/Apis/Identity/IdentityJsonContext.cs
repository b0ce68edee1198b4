using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Apis.Identity;

[JsonSerializable(typeof(IdentityView))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
