using System.Collections.Concurrent;

namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// What a run injected, to judge the alerts against: every (rule, customer) pattern, the customers that got one, and
/// when each tracked event (those of pattern journeys) was sent. Thread-safe: the producer and the senders write it
/// while the runner reads it.
/// </summary>
internal sealed class GroundTruth
{
    private readonly ConcurrentDictionary<(string Rule, string Customer), byte> _patterns = new();
    private readonly ConcurrentDictionary<string, byte> _customers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sentAt = new(StringComparer.Ordinal);

    /// <summary>Every injected (rule, customer).</summary>
    public ICollection<(string Rule, string Customer)> Patterns => _patterns.Keys;

    public int PatternCount => _patterns.Count;

    public int InjectedCustomers => _customers.Count;

    public void Add(Journey journey)
    {
        if (journey.InjectedRule is { } rule)
        {
            _patterns.TryAdd((rule, journey.CustomerKey), 0);
            _customers.TryAdd(journey.CustomerKey, 0);
        }
    }

    /// <summary>Call as a batch goes out: remembers when its tracked events were sent.</summary>
    public void Sending(IEnumerable<SimulatedEvent> batch, DateTimeOffset at)
    {
        foreach (var e in batch.Where(e => e.Tracked))
        {
            _sentAt.TryAdd(e.Id, at);
        }
    }

    public bool IsInjected((string Rule, string Customer) pattern) => _patterns.ContainsKey(pattern);

    public bool IsInjectedCustomer(string customer) => _customers.ContainsKey(customer);

    /// <summary>When the tracked event <paramref name="eventId"/> was sent; null for an untracked or unknown event.</summary>
    public DateTimeOffset? SentAt(string eventId) => _sentAt.TryGetValue(eventId, out var at) ? at : null;
}
