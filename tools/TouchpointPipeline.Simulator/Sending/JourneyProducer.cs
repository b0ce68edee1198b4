using System.Diagnostics;
using System.Threading.Channels;
using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Sending;

/// <summary>
/// Generates journeys customer by customer and queues their events for the senders, paced to the configured rate,
/// until the first of the run's limits (customers, events, duration) is reached; the queue is completed then.
/// </summary>
internal sealed class JourneyProducer(SimulationOptions options, JourneyGenerator generator, SimulationCounters counters, GroundTruth truth, TimeProvider time)
{
    public async Task RunAsync(ChannelWriter<SimulatedEvent> writer, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            for (long index = 0; ; index++)
            {
                if ((options.Customers > 0 && index >= options.Customers) || (options.Events > 0 && counters.Emitted >= options.Events) || (options.Duration is { } d && clock.Elapsed >= d))
                {
                    break;
                }

                var journey = generator.Create(index, time.GetUtcNow());
                counters.CustomerCreated();
                truth.Add(journey);
                foreach (var e in journey.Events)
                {
                    if (options.Rate > 0)
                    {
                        // Paced on the producer side: the n-th event is due at n / rate seconds.
                        var due = TimeSpan.FromSeconds((double)counters.Emitted / options.Rate);
                        if (due > clock.Elapsed)
                        {
                            await Task.Delay(due - clock.Elapsed, time, cancellationToken);
                        }
                    }

                    await writer.WriteAsync(e, cancellationToken);
                    counters.EventEmitted();
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
