using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Builds invocation bodies exactly as the Functions host sends them for an eventHubTrigger with cardinality many and
/// dataType string (protocol doc §4.2, §4.4): Data.events and every Metadata *Array are JSON strings holding JSON.
/// </summary>
internal static class EventHubPayloads
{
    public static readonly DateTime DefaultEnqueued = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    public static string EventHubBatch(
        IReadOnlyList<string> bodies,
        string hub = "clickstream",
        string partitionId = "3",
        long firstSequenceNumber = 1000,
        DateTime? firstEnqueued = null,
        IReadOnlyList<string?>? partitionKeys = null,
        (int RetryCount, int MaxRetryCount)? retry = null,
        string functionName = "IngestClickstream")
    {
        var enqueued = firstEnqueued ?? DefaultEnqueued;
        var n = bodies.Count;
        var context = new JsonObject
        {
            ["IsCheckpointingAfterInvocation"] = true,
            ["FullyQualifiedNamespace"] = "tp-test.servicebus.windows.net",
            ["EventHubName"] = hub,
            ["ConsumerGroup"] = "pipeline",
            ["PartitionId"] = partitionId,
        };
        var metadata = new JsonObject
        {
            ["TriggerPartitionContext"] = context.DeepClone(),
            ["PartitionContext"] = context.DeepClone(),
            ["PartitionKeyArray"] = Json(partitionKeys ?? Enumerable.Repeat<string?>(null, n).ToArray()),
            ["OffsetArray"] = Json(Enumerable.Range(0, n).Select(i => (4294967296L + (256L * i)).ToString(CultureInfo.InvariantCulture)).ToArray()),
            ["OffsetStringArray"] = Json(Enumerable.Range(0, n).Select(i => (4294967296L + (256L * i)).ToString(CultureInfo.InvariantCulture)).ToArray()),
            ["SequenceNumberArray"] = Json(Enumerable.Range(0, n).Select(i => firstSequenceNumber + i).ToArray()),
            // The host writes these DateTimes with full precision and no zone designator (§4.2).
            ["EnqueuedTimeUtcArray"] = Json(Enumerable.Range(0, n).Select(i => enqueued.AddMilliseconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture)).ToArray()),
            ["PropertiesArray"] = Json(Enumerable.Range(0, n).Select(_ => new Dictionary<string, string>()).ToArray()),
            ["SystemPropertiesArray"] = Json(Enumerable.Range(0, n).Select(i => new Dictionary<string, object?> { ["SequenceNumber"] = firstSequenceNumber + i }).ToArray()),
            ["sys"] = new JsonObject
            {
                ["MethodName"] = functionName,
                ["UtcNow"] = "2026-11-20T10:00:01.5123456Z",
                ["RandGuid"] = "7f1c0f0e-5a0c-4d39-9d7e-8a5f0c6b2e11",
            },
        };
        if (retry is { } r)
        {
            metadata["RetryContext"] = new JsonObject
            {
                ["RetryCount"] = r.RetryCount,
                ["MaxRetryCount"] = r.MaxRetryCount,
                ["Exception"] = r.RetryCount == 0 ? null : new JsonObject { ["ClassName"] = "System.Exception", ["Message"] = "earlier attempt failed" },
                ["Instance"] = null,
                ["State"] = new JsonObject(),
            };
        }

        var root = new JsonObject
        {
            ["Data"] = new JsonObject { ["events"] = Json(bodies) },
            ["Metadata"] = metadata,
        };
        return root.ToJsonString();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
