using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;

namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>
/// Delivers one partition to one trigger function the way the Event Hubs extension does (protocol doc §7.7, §8.4):
/// one batch in flight, in order; batches of up to <c>maxEventBatchSize</c> (held for <c>minEventBatchSize</c> up to
/// <c>maxWaitTime</c>); the retry policy runs inside the invocation; then the batch is checkpointed every
/// <c>batchCheckpointFrequency</c> batches, whether it finally succeeded or failed. A simulated crash skips the
/// checkpoint and reads again from the last one, so the same events are delivered again (at-least-once).
/// </summary>
internal sealed class PartitionPump(
    EventHubTriggerBinding binding,
    PartitionLog partition,
    EventHubsHostOptions options,
    string fullyQualifiedNamespace,
    int redeliverEvery,
    FunctionInvoker invoker,
    OutputBindingWriter outputs,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private long next = options.StartFromEnd ? partition.NextSequenceNumber : 0;
    private long checkpoint = (options.StartFromEnd ? partition.NextSequenceNumber : 0) - 1;
    private long lastBatchStart = -1;
    private long crashedBatchStart = -1;
    private long? rewindTo;
    private int batchesSinceCheckpoint;
    private bool inFlight;
    private long batches, eventsDelivered, failedAttempts, retries, failedBatches, redeliveries, outputEvents;
    private CancellationTokenSource wake = new();

    public EventHubTriggerBinding Binding => binding;

    public PartitionLog Partition => partition;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            long from;
            CancellationToken wakeToken;
            lock (gate)
            {
                ApplyRewind();
                from = next;
                wakeToken = wake.Token;
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping, wakeToken);
            try
            {
                await partition.WaitForAsync(from, 1, waiting.Token).ConfigureAwait(false);
                if (options.MinEventBatchSize > 1)
                {
                    // Hold the batch until it has the minimum size or maxWaitTime has passed (not a guarantee, §9.2).
                    await WaitForMinimumAsync(from, waiting.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                continue;
            }

            var batch = partition.Read(from, options.MaxEventBatchSize);
            if (batch.Count == 0)
            {
                continue;
            }

            lock (gate)
            {
                inFlight = true;
            }

            InvocationResult result;
            try
            {
                result = await invoker.InvokeAsync(
                    binding.Function,
                    (writer, attempt) => EventHubPayloadWriter.Write(writer, binding, fullyQualifiedNamespace, partition.Id, batch, attempt),
                    stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutting down mid-invocation: no checkpoint, as the real listener when it stops (§7.7).
                return;
            }

            var appended = result.Response is { } response ? outputs.Write(binding.Function, response) : 0;
            Complete(batch, result, appended);
        }
    }

    /// <summary>
    /// Simulates a crash before checkpoint: the checkpoint goes back to just before <paramref name="fromSequenceNumber"/>
    /// (default: the start of the last delivered batch) and delivery resumes there. Returns false when nothing was
    /// delivered yet on this partition.
    /// </summary>
    public bool RequestRedelivery(long? fromSequenceNumber)
    {
        CancellationTokenSource previous;
        lock (gate)
        {
            var target = fromSequenceNumber ?? lastBatchStart;
            if (target < 0)
            {
                return false;
            }

            rewindTo = Math.Min(target, partition.NextSequenceNumber);
            previous = wake;
            wake = new CancellationTokenSource();
        }

        // Outside the lock and after the swap: cancelling may run the waiting pump inline on this thread.
        previous.Cancel();
        previous.Dispose();
        return true;
    }

    public void Dispose()
    {
        lock (gate)
        {
            wake.Dispose();
        }
    }

    public PartitionConsumerStatus Status()
    {
        var last = partition.NextSequenceNumber - 1;
        lock (gate)
        {
            var pending = last - checkpoint + (rewindTo is { } r ? Math.Max(0, checkpoint + 1 - r) : 0);
            return new PartitionConsumerStatus(
                partition.Id, last, checkpoint >= 0 ? checkpoint : null, pending, inFlight,
                batches, eventsDelivered, failedAttempts, retries, failedBatches, redeliveries, outputEvents);
        }
    }

    private void Complete(IReadOnlyList<LogMessage> batch, InvocationResult result, int appended)
    {
        lock (gate)
        {
            inFlight = false;
            batches++;
            eventsDelivered += batch.Count;
            failedAttempts += result.Succeeded ? result.Attempts - 1 : result.Attempts;
            retries += result.Attempts - 1;
            outputEvents += appended;
            var start = batch[0].SequenceNumber;
            lastBatchStart = start;
            next = batch[^1].SequenceNumber + 1;
            if (!result.Succeeded)
            {
                failedBatches++;
                DevHostLog.CheckpointAfterFailure(logger, binding.Function.Name, partition.Hub, partition.Id, start, batch[^1].SequenceNumber, result.Attempts);
            }

            if (redeliverEvery > 0 && batches % redeliverEvery == 0 && crashedBatchStart != start)
            {
                // The scheduled crash: no checkpoint, so the next read starts from the last checkpoint again.
                crashedBatchStart = start;
                redeliveries++;
                next = checkpoint + 1;
                DevHostLog.SimulatedCrash(logger, binding.Function.Name, partition.Hub, partition.Id, next);
                return;
            }

            if (++batchesSinceCheckpoint >= options.BatchCheckpointFrequency)
            {
                checkpoint = next - 1;
                batchesSinceCheckpoint = 0;
            }
        }
    }

    private void ApplyRewind()
    {
        if (rewindTo is not { } target)
        {
            return;
        }

        rewindTo = null;
        redeliveries++;
        checkpoint = target - 1;
        next = target;
        batchesSinceCheckpoint = 0;
        DevHostLog.SimulatedCrash(logger, binding.Function.Name, partition.Hub, partition.Id, next);
    }

    private async Task WaitForMinimumAsync(long from, CancellationToken cancellationToken)
    {
        try
        {
            await partition.WaitForAsync(from, options.MinEventBatchSize, cancellationToken)
                .WaitAsync(options.EffectiveMaxWaitTime, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // maxWaitTime passed: deliver what there is.
        }
    }
}
