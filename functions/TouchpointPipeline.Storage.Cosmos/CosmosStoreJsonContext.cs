using System.Text.Json.Serialization;

namespace TouchpointPipeline.Storage.Cosmos;

[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class CosmosStoreJsonContext : JsonSerializerContext;
