namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// One event of a CloudEvents request: its JSON event format bytes for the collector to judge, or a rejection the
/// binding itself found (data that is not JSON, an attribute name the spec does not allow).
/// </summary>
internal sealed record CloudEventInput(ReadOnlyMemory<byte> Json, EventResult? Rejection = null)
{
    public static CloudEventInput Rejected(string? id, string reason, string field, string message) =>
        new(ReadOnlyMemory<byte>.Empty, new EventResult(id, EventResult.Rejected, reason, field, message));
}
