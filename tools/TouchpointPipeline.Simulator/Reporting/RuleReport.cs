namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>One rule's alerts: how many were raised, how many match an injected pattern, how many patterns were injected and found.</summary>
public sealed record RuleReport(string Rule, int Alerts, int TruePositives, int FalsePositives, int Injected, int Detected);
