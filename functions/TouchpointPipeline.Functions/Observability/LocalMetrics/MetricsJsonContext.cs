using System.Text.Json;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Observability.LocalMetrics;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MetricsSnapshot))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
