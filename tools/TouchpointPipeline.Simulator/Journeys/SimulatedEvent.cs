namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// One rendered touchpoint: its id, the customer key the pipeline will file it under, the JSON envelope, and its
/// channel (<c>web</c>, <c>app</c>, <c>call</c>, <c>chat</c>: which hub it goes to when sent straight to Event Hubs).
/// </summary>
internal sealed record SimulatedEvent(string Id, string CustomerKey, string Json, bool Tracked, string Channel);
