using System.Text.Json;
using System.Text.Json.Serialization;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

[JsonSerializable(typeof(CollectResponse))]
[JsonSerializable(typeof(DevHostEventPublisher.AppendRequest))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class CollectorJsonContext : JsonSerializerContext;
