namespace TouchpointPipeline.Simulator.Observing;

/// <summary>An alert read from the <c>alerts</c> hub.</summary>
internal sealed record ObservedAlert(string Id, string Rule, string Severity, string CustomerKey, string IncidentEventId, DateTimeOffset CreatedAt, DateTimeOffset ObservedAt);
