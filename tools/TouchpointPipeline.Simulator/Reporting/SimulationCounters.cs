using TouchpointPipeline.Simulator.Sending;

namespace TouchpointPipeline.Simulator.Reporting;

/// <summary>A run's running totals, updated by the producer and the senders at once (interlocked).</summary>
internal sealed class SimulationCounters
{
    private long _customers;
    private long _emitted;
    private long _accepted;
    private long _rejected;
    private long _retries;
    private string? _firstRejection;

    public long Customers => Interlocked.Read(ref _customers);

    /// <summary>Events handed to the senders.</summary>
    public long Emitted => Interlocked.Read(ref _emitted);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Requests sent again (429/503 or a failed connection).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>The first rejection the collector explained (id, reason, field).</summary>
    public string? FirstRejection => Volatile.Read(ref _firstRejection);

    public void CustomerCreated() => Interlocked.Increment(ref _customers);

    public void EventEmitted() => Interlocked.Increment(ref _emitted);

    public void Add(SendOutcome outcome)
    {
        Interlocked.Add(ref _accepted, outcome.Accepted);
        Interlocked.Add(ref _rejected, outcome.Rejected);
        Interlocked.Add(ref _retries, outcome.Retries);
        if (outcome.FirstRejection is not null)
        {
            Interlocked.CompareExchange(ref _firstRejection, outcome.FirstRejection, null);
        }
    }
}
