using System.Diagnostics;
using System.Threading.Channels;
using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Observing;
using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Sending;

/// <summary>
/// One sender loop per batch in flight: takes queued events into batches of up to the configured size (lingering
/// briefly to fill them), sends each (through the <see cref="CollectorSender"/> or the <see cref="EventHubsSender"/>) and records the outcome. Several loops
/// share one instance.
/// </summary>
internal sealed class BatchSender(
    SimulationOptions options, Func<IReadOnlyList<SimulatedEvent>, CancellationToken, Task<SendOutcome>> send,
    PipelineObserver observer, SimulationCounters counters, GroundTruth truth, TimeProvider time)
{
    public async Task RunAsync(ChannelReader<SimulatedEvent> reader, CancellationToken cancellationToken)
    {
        var batch = new List<SimulatedEvent>(options.BatchSize);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            var lingerUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
            while (batch.Count < options.BatchSize)
            {
                if (reader.TryRead(out var e))
                {
                    batch.Add(e);
                }
                else if (Stopwatch.GetTimestamp() < lingerUntil && !reader.Completion.IsCompleted)
                {
                    // A short linger fills batches at moderate rates without delaying events by more than 50 ms.
                    await Task.Delay(5, cancellationToken);
                }
                else
                {
                    break;
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var emittedAt = time.GetUtcNow();
            truth.Sending(batch, emittedAt);
            var outcome = await send(batch, cancellationToken);
            counters.Add(outcome);
            observer.BatchAccepted(emittedAt, outcome.Accepted);
        }
    }
}
