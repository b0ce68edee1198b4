namespace TouchpointPipeline.Core.Events;

/// <summary>One event body exactly as it arrived (UTF-8 bytes), with its position in the hub.</summary>
public sealed record RawEvent(ReadOnlyMemory<byte> Body, SourcePosition Position);
