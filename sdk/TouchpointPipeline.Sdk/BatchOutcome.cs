namespace TouchpointPipeline.Sdk;

/// <summary>The end of sending one batch: the events not delivered (empty when all were accepted).</summary>
internal sealed record BatchOutcome(DropCause? Cause, IReadOnlyList<DroppedEvent> Dropped, int? Status, Exception? Exception)
{
    public static BatchOutcome Delivered { get; } = new(null, [], 202, null);
}
