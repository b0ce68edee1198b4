namespace TouchpointPipeline.Sdk;

/// <summary>An event and its JSON, serialized once when tracked and sent as is on every attempt.</summary>
internal sealed record QueuedEvent(TouchpointEvent Event, byte[] Json);
