namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// One customer's touchpoints. <see cref="InjectedRule"/> is the ground truth: the one rule the journey was built to
/// match (null for a clean journey, which must match none).
/// </summary>
internal sealed record Journey(string CustomerKey, string? InjectedRule, IReadOnlyList<SimulatedEvent> Events);
