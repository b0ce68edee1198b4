using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Pipeline;

/// <summary>One trigger invocation's events, in delivery order, as the host handed them over.</summary>
public sealed record IngestBatch(string FunctionName, string Hub, IReadOnlyList<RawEvent> Events);
