using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// An event that will not enter the timeline, with everything needed to fix and replay it: the reason, the errors,
/// the raw body and where it was read from. <paramref name="EventId"/> is set when the body was readable enough to
/// have one.
/// </summary>
public sealed record QuarantinedEvent(
    string Reason,
    IReadOnlyList<ValidationError> Errors,
    ReadOnlyMemory<byte> Body,
    SourcePosition Position,
    string? EventId);
