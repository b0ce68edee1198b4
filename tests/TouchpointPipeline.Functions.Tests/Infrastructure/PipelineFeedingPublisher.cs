using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Triggers.Ingest;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Stands in for hub + trigger: every published batch goes straight through the app's real <see cref="IngestPipeline"/>
/// (as the ingest function for its hub would receive it), so collected events end up in the real timeline store.
/// </summary>
internal sealed class PipelineFeedingPublisher(IServiceProvider services) : IEventPublisher
{
    private long _sequence;
    private int _failNext;

    /// <summary>Fail the next N calls before anything is ingested, as an unreachable hub would.</summary>
    public int FailNext { get => _failNext; set => _failNext = value; }

    public ConcurrentDictionary<string, int> PublishedByHub { get; } = new(StringComparer.Ordinal);

    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            throw new EventPublishException("hub unreachable (test)");
        }

        var pipeline = services.GetRequiredService<IngestPipeline>();
        foreach (var hub in messages.GroupBy(m => m.Hub, StringComparer.Ordinal))
        {
            var function = IngestFunction.All.Single(f => f.DefaultHub == hub.Key);
            var events = hub.Select(m =>
            {
                var sequence = Interlocked.Increment(ref _sequence);
                return new RawEvent(m.Body, new SourcePosition(hub.Key, "0", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), sequence, DateTimeOffset.UtcNow, m.PartitionKey));
            }).ToList();
            await pipeline.ProcessAsync(new IngestBatch(function.Name, hub.Key, events), cancellationToken);
            PublishedByHub.AddOrUpdate(hub.Key, events.Count, (_, n) => n + events.Count);
        }
    }
}
