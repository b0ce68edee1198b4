namespace TouchpointPipeline.Sdk.EventHubs;

/// <summary>
/// Options of an <see cref="EventHubsTouchpointClient"/>: the batching, queue and retry options of every
/// <see cref="TouchpointClient"/>, plus the hub of each channel (the names the pipeline's ingest functions read).
/// <see cref="TouchpointClientOptions.Transport"/> does not apply.
/// </summary>
public sealed class EventHubsTouchpointClientOptions : TouchpointClientOptions
{
    /// <summary>Hub for web and app events. Default <c>clickstream</c>.</summary>
    public string ClickstreamHub { get; set; } = "clickstream";

    /// <summary>Hub for call events. Default <c>calls</c>.</summary>
    public string CallsHub { get; set; } = "calls";

    /// <summary>Hub for chat events. Default <c>chats</c>.</summary>
    public string ChatsHub { get; set; } = "chats";

    internal string HubFor(TouchpointChannel channel) => channel switch
    {
        TouchpointChannel.Web or TouchpointChannel.App => ClickstreamHub,
        TouchpointChannel.Call => CallsHub,
        TouchpointChannel.Chat => ChatsHub,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };
}
