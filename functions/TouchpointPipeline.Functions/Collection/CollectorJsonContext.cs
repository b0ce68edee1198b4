using System.Text.Json;
using System.Text.Json.Serialization;
using TouchpointPipeline.Functions.Collection.Publishing;

namespace TouchpointPipeline.Functions.Collection;

[JsonSerializable(typeof(CollectResponse))]
[JsonSerializable(typeof(DevHostEventPublisher.AppendRequest))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class CollectorJsonContext : JsonSerializerContext;
