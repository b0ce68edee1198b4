using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>An <c>eventHubTrigger</c> binding, resolved: which hub and consumer group it reads and how bodies are typed.</summary>
internal sealed record EventHubTriggerBinding(FunctionDefinition Function, string Name, string EventHubName, string ConsumerGroup, EventDataType DataType)
{
    public static EventHubTriggerBinding From(FunctionDefinition function)
    {
        var trigger = function.Trigger!;
        var where = $"{function.Name}/function.json";
        var hub = trigger.GetString("eventHubName") ?? trigger.GetString("path")
            ?? throw new FunctionAppException($"{where}: the eventHubTrigger needs eventHubName.");
        var cardinality = trigger.GetString("cardinality") ?? "one";
        if (!string.Equals(cardinality, "many", StringComparison.OrdinalIgnoreCase))
        {
            throw new FunctionAppException($"{where}: the dev host delivers Event Hubs batches (\"cardinality\": \"many\") only; this trigger has cardinality '{cardinality}'.");
        }

        var dataType = (trigger.GetString("dataType") ?? string.Empty).ToUpperInvariant() switch
        {
            "STRING" => EventDataType.String,
            "BINARY" => EventDataType.Binary,
            "" => EventDataType.Unset,
            var other => throw new FunctionAppException($"{where}: dataType '{other}' is not supported for eventHubTrigger (string, binary or unset)."),
        };
        return new EventHubTriggerBinding(function, trigger.Name, hub, trigger.GetString("consumerGroup") ?? "$Default", dataType);
    }
}
