using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Core.Detection;

/// <summary>One sweep run: how many absence checks were due, the alerts it raised and the alerts it escalated.</summary>
public sealed record SweepResult(int Due, IReadOnlyList<Alert> Raised, IReadOnlyList<Alert> Escalated)
{
    public string Summary => $"{Due} due absence checks, {Raised.Count} alerts raised, {Escalated.Count} escalated";
}
