namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// An alert this customer's state has raised: the cooldown looks at <see cref="Time"/>; <see cref="BatchId"/> lets a
/// retried invocation publish again what its failed attempt raised (the host drops a failed attempt's outputs).
/// </summary>
public sealed record FiredIncident(string RuleId, string AlertId, DateTimeOffset Time, string? BatchId);
