namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// A due-date index entry for an absence window, written when the window opens so the sweep finds due windows by
/// deadline without scanning customers. <see cref="Id"/> equals the id of the alert it may raise.
/// </summary>
public sealed record PendingCheck(string Id, string CustomerKey, string RuleId, string TriggerEventId, DateTimeOffset Deadline);
