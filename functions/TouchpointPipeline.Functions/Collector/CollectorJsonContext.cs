using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector;

[JsonSerializable(typeof(CollectResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class CollectorJsonContext : JsonSerializerContext;
