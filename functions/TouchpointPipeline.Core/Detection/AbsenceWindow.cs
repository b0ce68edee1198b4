namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// An absence window opened for this customer, kept in the state until the sweep handles it. <see cref="Closed"/> is
/// set when the closing event arrived in time, so the sweep only deletes the check.
/// </summary>
public sealed record AbsenceWindow(string Id, string RuleId, string TriggerEventId, DateTimeOffset TriggerTime, DateTimeOffset Deadline, bool Closed);
