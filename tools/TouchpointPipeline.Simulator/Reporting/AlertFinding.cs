namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>A (rule, customer) pair: a missed injected pattern or an alert without one.</summary>
public sealed record AlertFinding(string Rule, string CustomerKey);
