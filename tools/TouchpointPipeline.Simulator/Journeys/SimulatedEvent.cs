namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>One rendered touchpoint: its id, the customer key the pipeline will file it under, and the JSON envelope.</summary>
internal sealed record SimulatedEvent(string Id, string CustomerKey, string Json, bool Tracked);
