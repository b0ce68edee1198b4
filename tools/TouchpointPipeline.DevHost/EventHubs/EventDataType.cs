namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>function.json <c>dataType</c> of an Event Hubs trigger: how each event reaches the handler (docs/host-protocol.md §4.1).</summary>
internal enum EventDataType
{
    /// <summary>Unset: each body is JSON-parsed by the host (and must be JSON).</summary>
    Unset,

    /// <summary>Each body as a UTF-8 string, exactly.</summary>
    String,

    /// <summary>Each body as base64.</summary>
    Binary,
}
