using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>Per-event results in request order, and the messages to publish for the accepted ones.</summary>
internal sealed record CollectOutcome(IReadOnlyList<EventResult> Results, IReadOnlyList<PublishMessage> Messages);
