using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Core.Validation;

/// <summary>The outcome of reading one raw event: exactly one of <see cref="Event"/> and <see cref="Quarantined"/> is set.</summary>
public readonly record struct ReadResult(TouchpointEvent? Event, QuarantinedEvent? Quarantined)
{
    public static ReadResult Valid(TouchpointEvent e) => new(e, null);

    public static ReadResult Rejected(QuarantinedEvent q) => new(null, q);
}
