using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>
/// The timeline store as the drill breaks it: a call fails with an <see cref="IOException"/> (what an unreachable store
/// looks like to the pipeline: transient) when the plan says the store is down, or by the plan's failure rate; or with
/// an <see cref="InvalidOperationException"/> (a bug: permanent) by its bug rate. A failed call never reaches the inner
/// store, so no partial write is faked.
/// </summary>
internal sealed class FaultInjectingTimelineStore(ITimelineStore inner, FaultPlanSource faults) : ITimelineStore
{
    public async Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken)
    {
        ThrowIfFaulted(nameof(AppendAsync));
        return await inner.AppendAsync(items, cancellationToken);
    }

    public async Task<TimelinePage> GetPageAsync(string customerKey, TimelineQuery query, CancellationToken cancellationToken)
    {
        ThrowIfFaulted(nameof(GetPageAsync));
        return await inner.GetPageAsync(customerKey, query, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, TimelineItem>> GetLatestAsync(IReadOnlyList<LatestItemQuery> queries, CancellationToken cancellationToken)
    {
        ThrowIfFaulted(nameof(GetLatestAsync));
        return await inner.GetLatestAsync(queries, cancellationToken);
    }

    private void ThrowIfFaulted(string operation)
    {
        if (faults.Current.TimelineDown)
        {
            faults.Record(FaultKinds.TimelineDown);
            throw new IOException($"Fault injected: the timeline store is down ({operation}).");
        }

        if (faults.Draw(FaultKinds.TimelineFailure, p => p.TimelineFailureRate))
        {
            throw new IOException($"Fault injected: a timeline store call failed ({operation}).");
        }

        if (faults.Draw(FaultKinds.TimelineBug, p => p.TimelineBugRate))
        {
            throw new InvalidOperationException($"Fault injected: a timeline store call hit a bug ({operation}).");
        }
    }
}
