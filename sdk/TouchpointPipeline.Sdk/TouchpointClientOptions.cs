namespace TouchpointPipeline.Sdk;

/// <summary>Options of a <see cref="TouchpointClient"/>; read once when the client is created.</summary>
public class TouchpointClientOptions
{
    /// <summary>The collector's limit on events per request.</summary>
    public const int CollectorMaxBatchSize = 500;

    /// <summary>Events per request. Default 100, at most 500.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>How long a partial batch may wait for more events before it is sent. Default 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events held in memory waiting to be sent (the in-flight batch not included). Default 10,000.</summary>
    public int MaxQueueSize { get; set; } = 10_000;

    /// <summary>What happens when the queue is full. Default <see cref="QueueFullMode.DropNewest"/>.</summary>
    public QueueFullMode QueueFullMode { get; set; } = QueueFullMode.DropNewest;

    /// <summary>Retry behaviour.</summary>
    public TouchpointRetryOptions Retry { get; } = new();

    /// <summary>The HTTP handler to send through (proxies, tests). Default: a pooled <see cref="SocketsHttpHandler"/> owned by the client.</summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Clock for ids, event times and delays. Default <see cref="TimeProvider.System"/>; tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (MaxBatchSize is < 1 or > CollectorMaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, $"MaxBatchSize must be 1 to {CollectorMaxBatchSize}.");
        }

        if (MaxQueueSize < 1 || FlushInterval <= TimeSpan.Zero || Retry.MaxRetries < 0 || Retry.Delay < TimeSpan.Zero
            || Retry.MaxDelay < Retry.Delay || Retry.NetworkTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxQueueSize and FlushInterval must be positive; Retry.MaxRetries, Retry.Delay not negative; Retry.MaxDelay >= Retry.Delay; Retry.NetworkTimeout positive.");
        }
    }
}
