using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>Per-event results in request order, and the messages to publish for the accepted ones.</summary>
internal sealed record CollectOutcome(IReadOnlyList<EventResult> Results, IReadOnlyList<PublishMessage> Messages)
{
    /// <summary>
    /// The results with the events of the given messages (indexes into <see cref="Messages"/>, which hold the accepted
    /// events in request order) turned into <c>not_published</c> rejections.
    /// </summary>
    public IReadOnlyList<EventResult> WithUnpublished(IReadOnlyList<int> unpublished)
    {
        var failed = unpublished.ToHashSet();
        var results = new List<EventResult>(Results.Count);
        var message = 0;
        foreach (var result in Results)
        {
            results.Add(result.IsAccepted && failed.Contains(message++)
                ? new EventResult(result.Id, EventResult.Rejected, RejectionReasons.NotPublished, null, "Event Hubs did not accept this event; retry it with the same id.")
                : result);
        }

        return results;
    }
}
