namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>A (rule, customer) pair: a missed injected pattern or an alert without one.</summary>
internal sealed record AlertFinding(string Rule, string CustomerKey);
