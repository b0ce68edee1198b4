using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Triggers.Ingest;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>
/// Hub + trigger for the collector fuzz run: every accepted event goes through the app's real <see cref="IngestPipeline"/>
/// and the results are kept, so a request can be checked against what ingest did with its events.
/// </summary>
internal sealed class FuzzIngestingPublisher(IServiceProvider services) : IEventPublisher
{
    private long _sequence;

    public ConcurrentQueue<IngestResult> Results { get; } = new();

    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        var pipeline = services.GetRequiredService<IngestPipeline>();
        foreach (var hub in messages.GroupBy(m => m.Hub, StringComparer.Ordinal))
        {
            var function = IngestFunction.All.Single(f => f.DefaultHub == hub.Key);
            var events = hub.Select(m =>
            {
                var sequence = Interlocked.Increment(ref _sequence);
                return new RawEvent(m.Body, new SourcePosition(hub.Key, "0", sequence.ToString(CultureInfo.InvariantCulture), sequence, DateTimeOffset.UtcNow, m.PartitionKey));
            }).ToList();
            Results.Enqueue(await pipeline.ProcessAsync(new IngestBatch(function.Name, hub.Key, events), cancellationToken));
        }
    }
}
