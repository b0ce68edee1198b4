using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;

namespace TouchpointPipeline.DevHost.EventHubs;

/// <summary>
/// Delivers one partition to one trigger function the way the Event Hubs extension does (docs/host-protocol.md §7.7, §8.4):
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
    private readonly Lock _gate = new();
    private long _next = options.StartFromEnd ? partition.NextSequenceNumber : 0;
    private long _checkpoint = (options.StartFromEnd ? partition.NextSequenceNumber : 0) - 1;
    private long _lastBatchStart = -1;
    private long _crashedBatchStart = -1;
    private long? _rewindTo;
    private int _batchesSinceCheckpoint;
    private bool _inFlight;
    private long _batches, _eventsDelivered, _failedAttempts, _retries, _failedBatches, _redeliveries, _outputEvents;
    private CancellationTokenSource _wake = new();

    public EventHubTriggerBinding Binding => binding;

    public PartitionLog Partition => partition;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            long from;
            CancellationToken wakeToken;
            lock (_gate)
            {
                ApplyRewind();
                from = _next;
                wakeToken = _wake.Token;
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

            lock (_gate)
            {
                _inFlight = true;
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
        lock (_gate)
        {
            var target = fromSequenceNumber ?? _lastBatchStart;
            if (target < 0)
            {
                return false;
            }

            _rewindTo = Math.Min(target, partition.NextSequenceNumber);
            previous = _wake;
            _wake = new CancellationTokenSource();
        }

        // Outside the lock and after the swap: cancelling may run the waiting pump inline on this thread.
        previous.Cancel();
        previous.Dispose();
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _wake.Dispose();
        }
    }

    public PartitionConsumerStatus Status()
    {
        var last = partition.NextSequenceNumber - 1;
        lock (_gate)
        {
            var pending = last - _checkpoint + (_rewindTo is { } r ? Math.Max(0, _checkpoint + 1 - r) : 0);
            return new PartitionConsumerStatus(
                partition.Id, last, _checkpoint >= 0 ? _checkpoint : null, pending, _inFlight,
                _batches, _eventsDelivered, _failedAttempts, _retries, _failedBatches, _redeliveries, _outputEvents);
        }
    }

    private void Complete(IReadOnlyList<LogMessage> batch, InvocationResult result, int appended)
    {
        lock (_gate)
        {
            _inFlight = false;
            _batches++;
            _eventsDelivered += batch.Count;
            _failedAttempts += result.Succeeded ? result.Attempts - 1 : result.Attempts;
            _retries += result.Attempts - 1;
            _outputEvents += appended;
            var start = batch[0].SequenceNumber;
            _lastBatchStart = start;
            _next = batch[^1].SequenceNumber + 1;
            if (!result.Succeeded)
            {
                _failedBatches++;
                DevHostLog.CheckpointAfterFailure(logger, binding.Function.Name, partition.Hub, partition.Id, start, batch[^1].SequenceNumber, result.Attempts);
            }

            if (redeliverEvery > 0 && _batches % redeliverEvery == 0 && _crashedBatchStart != start)
            {
                // The scheduled crash: no checkpoint, so the next read starts from the last checkpoint again.
                _crashedBatchStart = start;
                _redeliveries++;
                _next = _checkpoint + 1;
                DevHostLog.SimulatedCrash(logger, binding.Function.Name, partition.Hub, partition.Id, _next);
                return;
            }

            if (++_batchesSinceCheckpoint >= options.BatchCheckpointFrequency)
            {
                _checkpoint = _next - 1;
                _batchesSinceCheckpoint = 0;
            }
        }
    }

    private void ApplyRewind()
    {
        if (_rewindTo is not { } target)
        {
            return;
        }

        _rewindTo = null;
        _redeliveries++;
        _checkpoint = target - 1;
        _next = target;
        _batchesSinceCheckpoint = 0;
        DevHostLog.SimulatedCrash(logger, binding.Function.Name, partition.Hub, partition.Id, _next);
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
