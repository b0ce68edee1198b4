using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>
/// One row of the scenario table: events, and the alerts expected (rule id and evidence ids in time order). Absence
/// scenarios are judged by a sweep after the deadline.
/// </summary>
public sealed record DetectionScenario(string Name, IReadOnlyList<TimelineItem> Events, IReadOnlyList<(string RuleId, string[] Evidence)> Expected)
{
    public override string ToString() => Name;
}
