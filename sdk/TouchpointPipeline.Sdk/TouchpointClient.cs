using System.Diagnostics;
using System.Threading.Channels;

namespace TouchpointPipeline.Sdk;

/// <summary>
/// Sends touchpoint events to a TouchpointPipeline collector (<c>POST {endpoint}/api/events</c>). Thread-safe; create
/// one per collector and keep it for the app's life. <see cref="TrackAsync(TouchpointEvent, CancellationToken)"/>
/// only queues: a background loop sends batches of up to <see cref="TouchpointClientOptions.MaxBatchSize"/> events, or
/// whatever arrived within <see cref="TouchpointClientOptions.FlushInterval"/>, one batch at a time, retrying with the
/// same event ids. Memory is bounded by <see cref="TouchpointClientOptions.MaxQueueSize"/> (overflow per
/// <see cref="TouchpointClientOptions.QueueFullMode"/>). <see cref="DisposeAsync"/> sends everything still queued.
/// Events that cannot be delivered are reported through <see cref="EventsDropped"/>, never silently lost.
/// </summary>
public class TouchpointClient : IAsyncDisposable
{
    /// <summary>The collector's per-request body limit, less room for the envelope.</summary>
    internal const int MaxBatchBytes = (1024 * 1024) - 1024;

    /// <summary>The collector's per-event limit.</summary>
    internal const int MaxEventBytes = 32 * 1024;

    private readonly Channel<QueuedEvent> _queue = null!;
    private readonly TouchpointClientOptions _options = null!;
    private readonly IBatchSender _sender = null!;
    private readonly Task _loop = Task.CompletedTask;
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _enqueued;
    private long _completed;
    private int _disposed;

    /// <summary>Creates a client.</summary>
    /// <param name="endpoint">The function app's base address (<c>https://func-tp.azurewebsites.net</c>); events go to <c>/api/events</c>.</param>
    /// <param name="writeKey">A write key issued for <paramref name="source"/>.</param>
    /// <param name="source">The <c>source</c> of every event this client sends (<c>web/shop</c>, <c>cc/genesys</c>).</param>
    /// <param name="options">Batching, queue, retry and transport options; null for the defaults.</param>
    public TouchpointClient(Uri endpoint, string writeKey, string source, TouchpointClientOptions? options = null)
        : this(source, options, o => CollectorSender(endpoint, writeKey, o))
    {
    }

    /// <summary>A client whose batches go through <paramref name="sender"/> (another transport package).</summary>
    private protected TouchpointClient(string source, TouchpointClientOptions? options, Func<TouchpointClientOptions, IBatchSender> sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        Source = TouchpointEventBuilder.Required(source, nameof(source));
        _options = options ?? new TouchpointClientOptions();
        _options.Validate();
        _sender = sender(_options);
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(_options.MaxQueueSize)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>For mocking.</summary>
    protected TouchpointClient()
    {
        Source = string.Empty;
    }

    /// <summary>Raised (on the send loop's thread) for events that will not be delivered. Handlers should return quickly.</summary>
    public event EventHandler<EventsDroppedEventArgs>? EventsDropped;

    /// <summary>The source of every event this client sends.</summary>
    public virtual string Source { get; }

    /// <summary>Builds the event (assigning its id) and queues it.</summary>
    /// <returns>The built event, or null when it was dropped because the queue was full.</returns>
    public virtual async ValueTask<TouchpointEvent?> TrackAsync(TouchpointEventBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var e = builder.Build(_options.TimeProvider);
        return await TrackAsync(e, cancellationToken).ConfigureAwait(false) ? e : null;
    }

    /// <summary>Queues an event. Returns when queued, not when sent.</summary>
    /// <returns>False when the event was dropped (queue full with <see cref="QueueFullMode.DropNewest"/>, or over 32 KB); <see cref="EventsDropped"/> is raised.</returns>
    public virtual async ValueTask<bool> TrackAsync(TouchpointEvent touchpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(touchpoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var item = new QueuedEvent(touchpoint, touchpoint.ToJson(Source));
        if (item.Json.Length > MaxEventBytes)
        {
            RaiseDropped(new EventsDroppedEventArgs(DropCause.Rejected, [new DroppedEvent(touchpoint, "too_large", "$", $"The event is {item.Json.Length} bytes; the limit is {MaxEventBytes}.")]));
            return false;
        }

        if (_options.QueueFullMode == QueueFullMode.Wait)
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        else if (!_queue.Writer.TryWrite(item))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

            RaiseDropped(new EventsDroppedEventArgs(DropCause.QueueFull, [new DroppedEvent(touchpoint, "queue_full", null, $"The queue holds {_options.MaxQueueSize} events.")]));
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Sends everything queued before this call; completes when each of those events is delivered or reported dropped.</summary>
    public virtual async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Interlocked.Read(ref _completed) >= target)
            {
                return;
            }

            _flushWaiters.Add((target, done));
            _wake.TrySetResult();
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting events, sends everything queued (with retries) and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Flushes and releases resources; override to release more.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _queue is null)
        {
            return;
        }

        _queue.Writer.TryComplete();
        lock (_gate)
        {
            _wake.TrySetResult();
        }

        await _loop.ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
    }

    private static BatchSender CollectorSender(Uri endpoint, string writeKey, TouchpointClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = TouchpointEventBuilder.Required(writeKey, nameof(writeKey));
        HttpClient? owned = null;
        var http = options.Transport is { } transport
            ? new HttpClient(transport, disposeHandler: false)
            : owned = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        http.Timeout = Timeout.InfiniteTimeSpan; // per attempt: Retry.NetworkTimeout
        return new BatchSender(http, new Uri(endpoint, "api/events"), key, options.Retry, options.TimeProvider, owned);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<QueuedEvent>(_options.MaxBatchSize);
        QueuedEvent? carry = null;
        while (carry is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var bytes = 0;
            if (carry is not null)
            {
                batch.Add(carry);
                bytes = carry.Json.Length + 1;
                carry = null;
            }

            var deadline = _options.TimeProvider.GetUtcNow() + _options.FlushInterval;
            while (batch.Count < _options.MaxBatchSize)
            {
                if (reader.TryRead(out var item))
                {
                    if (bytes + item.Json.Length + 1 > MaxBatchBytes)
                    {
                        carry = item;
                        break;
                    }

                    batch.Add(item);
                    bytes += item.Json.Length + 1;
                    continue;
                }

                var remaining = deadline - _options.TimeProvider.GetUtcNow();
                if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                {
                    break;
                }
            }

            if (batch.Count > 0)
            {
                var outcome = await _sender.SendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                if (outcome.Cause is { } cause)
                {
                    RaiseDropped(new EventsDroppedEventArgs(cause, outcome.Dropped, outcome.Status, outcome.Exception));
                }

                Interlocked.Add(ref _completed, batch.Count);
                ReleaseFlushWaiters();
            }
        }

        ReleaseFlushWaiters();
    }

    /// <summary>Waits for another event, a flush request, disposal or the deadline; true when the batch may keep filling.</summary>
    private async Task<bool> WaitForMoreAsync(ChannelReader<QueuedEvent> reader, TimeSpan remaining)
    {
        Task wake;
        lock (_gate)
        {
            if (_flushWaiters.Count > 0 || Volatile.Read(ref _disposed) != 0)
            {
                // Flushing: send now, but fill the batch with whatever arrived since the last read.
                return reader.TryPeek(out _);
            }

            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            wake = _wake.Task;
        }

        using var stop = new CancellationTokenSource();
        var more = reader.WaitToReadAsync(stop.Token).AsTask();
        var timer = Task.Delay(remaining, _options.TimeProvider, stop.Token);
        var first = await Task.WhenAny(more, timer, wake).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        return first == more ? more.Result : first == wake && reader.TryPeek(out _);
    }

    private void ReleaseFlushWaiters()
    {
        var completed = Interlocked.Read(ref _completed);
        lock (_gate)
        {
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                // After the loop ends (disposed), nothing more can complete: release every waiter.
                if (_flushWaiters[i].Target <= completed || _loop.IsCompleted || _queue.Reader.Completion.IsCompleted)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }

    private void RaiseDropped(EventsDroppedEventArgs args)
    {
        try
        {
            EventsDropped?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the send loop; it is reported, not swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"TouchpointClient: an EventsDropped handler threw: {ex}");
        }
    }
}
