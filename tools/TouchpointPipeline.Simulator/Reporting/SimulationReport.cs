namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>
/// The simulator's final report (also written as JSON with <c>--report</c>). Throughput is measured through the real
/// collector endpoint; emit-&gt;stored is the time from sending a batch until every ingest function has checkpointed
/// past it (so the timeline and detector state are written); emit-&gt;alert uses the alert's own <c>createdAt</c>.
/// </summary>
public sealed record SimulationReport
{
    public required int Seed { get; init; }
    public required string EmitPath { get; init; }
    public required long Customers { get; init; }
    public required long InjectedCustomers { get; init; }
    public required long CleanCustomers { get; init; }
    public required long EventsEmitted { get; init; }
    public required long EventsAccepted { get; init; }
    public required long EventsRejected { get; init; }
    public string? FirstRejection { get; init; }
    public required long? EventsQuarantined { get; init; }
    public required long RequestRetries { get; init; }
    public required double EmitSeconds { get; init; }
    public required double EmitEventsPerSecond { get; init; }
    public required double StoredEventsPerSecond { get; init; }
    public required bool Drained { get; init; }
    public required LatencySummary EmitToStoredMs { get; init; }
    public required LatencySummary EmitToAlertMs { get; init; }

    /// <summary>From the triggering event's enqueued time (delivered to the pipeline) to the alert's creation.</summary>
    public required LatencySummary DeliveredToAlertMs { get; init; }
    public required LatencySummary SweepAlertAfterEmitMs { get; init; }
    public required int Alerts { get; init; }
    public required IReadOnlyList<RuleReport> Rules { get; init; }
    public required double? Precision { get; init; }
    public required double? Recall { get; init; }
    public required double FalsePositiveRate { get; init; }
    public required IReadOnlyList<AlertFinding> Missed { get; init; }

    /// <summary>The ground truth: every injected (rule, customer).</summary>
    public required IReadOnlyList<AlertFinding> Injected { get; init; }
    public required IReadOnlyList<AlertFinding> FalsePositives { get; init; }
}
