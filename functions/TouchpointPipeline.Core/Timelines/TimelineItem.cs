using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// One event in a customer's timeline: one stored item per event, keyed by (<see cref="CustomerKey"/>, <see cref="Id"/>).
/// </summary>
public sealed record TimelineItem
{
    public required string CustomerKey { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required Channel Channel { get; init; }
    public required string Source { get; init; }

    /// <summary>The time the timeline orders by: the skew-corrected event time.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The emitter's own <c>time</c> (device clock); null for items stored before it was kept.</summary>
    public DateTimeOffset? DeviceTime { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? CustomerId { get; init; }
    public string? AnonymousId { get; init; }
    public string? SessionId { get; init; }

    /// <summary>The event's <c>data</c> object as UTF-8 JSON.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>What the pipeline derived: <c>{"device":…,"sentiment":…,"redactions":…}</c> as UTF-8 JSON; empty when nothing.</summary>
    public ReadOnlyMemory<byte> Enrichment { get; init; }

    /// <summary>Where the event was read from; null for items written by other paths (e.g. replays without positions).</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>The key the timeline is ordered and paged by; see <see cref="TimelineSortKey"/>.</summary>
    public string SortKey => TimelineSortKey.For(Time, Id);

    public static TimelineItem From(TouchpointEvent e) => new()
    {
        CustomerKey = e.CustomerKey,
        Id = e.Id,
        Type = e.Type,
        Channel = e.Channel,
        Source = e.Source,
        Time = e.Time,
        DeviceTime = e.DeviceTime,
        ReceivedAt = e.ReceivedAt,
        CustomerId = e.CustomerId,
        AnonymousId = e.AnonymousId,
        SessionId = e.SessionId,
        Data = e.Data,
        Enrichment = e.Enrichment,
        Position = e.Position,
    };
}
