namespace TouchpointPipeline.Sdk;

/// <summary>One event that was not delivered, with the collector's reason and field when it rejected it.</summary>
/// <param name="Event">The event as tracked (its <see cref="TouchpointEvent.Id"/> identifies it).</param>
/// <param name="Reason">The collector's reason code (<c>invalid</c>, <c>too_large</c>…), or <c>queue_full</c> / <c>send_failed</c>.</param>
/// <param name="Field">The offending field, when the collector named one.</param>
/// <param name="Message">A human-readable explanation, when known.</param>
public sealed record DroppedEvent(TouchpointEvent Event, string Reason, string? Field, string? Message);
