namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// What a write key is for, which sets the channels and event types it may send unless the key lists its own
/// (<see cref="WriteKeyOptions.Channels"/>, <see cref="WriteKeyOptions.EventTypes"/>).
/// </summary>
internal enum WriteKeyKind
{
    /// <summary>
    /// A key shipped in a web page or an app, so public: web and app clickstream events and <c>customer.identified</c>
    /// only (<see cref="WriteKeyScope.BrowserEventTypes"/>), never calls or chats.
    /// </summary>
    Browser,

    /// <summary>A key kept on a back end (contact centre, chat platform, shop server): any channel and event type.</summary>
    Server,
}
