using System.Text;

namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>
/// One partition: an append-only list of messages in memory for the dev host's lifetime. Readers wait for new
/// messages without polling; appends and reads take a short lock.
/// </summary>
internal sealed class PartitionLog(string hub, string id, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<LogMessage> _messages = [];
    private long _nextOffset;
    private TaskCompletionSource _appended = NewSignal();

    public string Hub => hub;

    public string Id => id;

    /// <summary>Sequence number the next message gets; the last message has <c>NextSequenceNumber - 1</c>.</summary>
    public long NextSequenceNumber
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public IReadOnlyList<LogMessage> Append(IReadOnlyList<NewMessage> batch)
    {
        var added = new LogMessage[batch.Count];
        TaskCompletionSource signal;
        lock (_gate)
        {
            // Event Hubs stamps enqueued times with millisecond precision.
            var now = time.GetUtcNow();
            var enqueued = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            for (var i = 0; i < batch.Count; i++)
            {
                var message = new LogMessage(_messages.Count, _nextOffset, enqueued, batch[i].PartitionKey, batch[i].Body, batch[i].Properties);
                _messages.Add(message);
                _nextOffset += Math.Max(1, Encoding.UTF8.GetByteCount(batch[i].Body));
                added[i] = message;
            }

            signal = _appended;
            _appended = NewSignal();
        }

        signal.TrySetResult();
        return added;
    }

    /// <summary>The last message, or null while the partition is empty.</summary>
    public LogMessage? Last()
    {
        lock (_gate)
        {
            return _messages.Count == 0 ? null : _messages[^1];
        }
    }

    /// <summary>Up to <paramref name="max"/> messages from <paramref name="fromSequenceNumber"/> on.</summary>
    public IReadOnlyList<LogMessage> Read(long fromSequenceNumber, int max)
    {
        lock (_gate)
        {
            var start = (int)Math.Clamp(fromSequenceNumber, 0, _messages.Count);
            var count = Math.Min(max, _messages.Count - start);
            return count <= 0 ? [] : _messages.GetRange(start, count);
        }
    }

    /// <summary>Completes when the partition holds at least <paramref name="count"/> messages past <paramref name="fromSequenceNumber"/>.</summary>
    public async Task WaitForAsync(long fromSequenceNumber, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_messages.Count - fromSequenceNumber >= count)
                {
                    return;
                }

                signal = _appended.Task;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
