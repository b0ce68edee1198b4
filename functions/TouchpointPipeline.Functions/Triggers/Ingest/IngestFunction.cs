namespace TouchpointPipeline.Functions.Triggers.Ingest;

/// <summary>An Event Hubs ingest function: its folder name (the invocation path) and the app setting naming its hub.</summary>
internal sealed record IngestFunction(string Name, string HubSetting, string DefaultHub)
{
    public const string TriggerBindingName = "events";

    public static IReadOnlyList<IngestFunction> All { get; } =
    [
        new("IngestClickstream", "ClickstreamHubName", "clickstream"),
        new("IngestCalls", "CallsHubName", "calls"),
        new("IngestChats", "ChatsHubName", "chats"),
    ];
}
