using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// The answers of <c>$cbs</c> (put-token: every token is taken, the dev host checks no credentials) and
/// <c>$management</c> (READ of <c>com.microsoft:eventhub</c> and <c>com.microsoft:partition</c>: the properties the
/// SDK's <c>GetEventHubPropertiesAsync</c>/<c>GetPartitionPropertiesAsync</c> and the buffered producer read).
/// Status codes are AMQP ints, as the SDK casts them.
/// </summary>
internal sealed class ManagementAnswers(KnownHubs hubs, DateTimeOffset createdAt)
{
    public static AmqpMessage PutToken(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map.TryGetValue<string>("operation", out var op) == true ? op : null;
        return operation == "put-token"
            ? Status(AmqpMessage.Create(), 200, "OK")
            : Status(AmqpMessage.Create(), 400, $"Unknown $cbs operation '{operation}'.");
    }

    public AmqpMessage Read(AmqpMessage request)
    {
        var map = request.ApplicationProperties?.Map;
        string? Get(string key) => map is not null && map.TryGetValue<string>(key, out var value) ? value : null;
        if (Get("operation") != "READ")
        {
            return Status(AmqpMessage.Create(), 400, $"Unknown $management operation '{Get("operation")}'.");
        }

        var name = Get("name") ?? string.Empty;
        if (!hubs.TryGet(name, out var hub))
        {
            var notFound = Status(AmqpMessage.Create(), 404, $"The messaging entity '{name}' could not be found.");
            notFound.ApplicationProperties.Map["error-condition"] = AmqpErrorCode.NotFound.Value;
            return notFound;
        }

        var properties = new AmqpMap();
        switch (Get("type"))
        {
            case "com.microsoft:eventhub":
                properties[new MapKey("name")] = hub.Name;
                properties[new MapKey("created_at")] = createdAt.UtcDateTime;
                properties[new MapKey("partition_ids")] = hub.Partitions.Select(p => p.Id).ToArray();
                break;
            case "com.microsoft:partition" when hub.Partitions.FirstOrDefault(p => p.Id == Get("partition")) is { } partition:
                var last = partition.Last();
                properties[new MapKey("name")] = hub.Name;
                properties[new MapKey("partition")] = partition.Id;
                properties[new MapKey("begin_sequence_number")] = 0L;
                properties[new MapKey("last_enqueued_sequence_number")] = last?.SequenceNumber ?? -1L;
                properties[new MapKey("last_enqueued_offset")] = (last?.Offset ?? -1L).ToString(System.Globalization.CultureInfo.InvariantCulture);
                properties[new MapKey("last_enqueued_time_utc")] = (last?.EnqueuedTime ?? DateTimeOffset.MinValue).UtcDateTime;
                properties[new MapKey("is_partition_empty")] = last is null;
                break;
            case "com.microsoft:partition":
                return Status(AmqpMessage.Create(), 404, $"Hub '{hub.Name}' has no partition '{Get("partition")}'.");
            default:
                return Status(AmqpMessage.Create(), 400, $"Unknown $management type '{Get("type")}'.");
        }

        return Status(AmqpMessage.Create(new AmqpValue { Value = properties }), 200, "OK");
    }

    private static AmqpMessage Status(AmqpMessage response, int code, string description)
    {
        response.ApplicationProperties.Map["status-code"] = code;
        response.ApplicationProperties.Map["status-description"] = description;
        return response;
    }
}
