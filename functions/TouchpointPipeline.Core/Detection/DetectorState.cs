using TouchpointPipeline.Core.Enrichment.Sessions;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// Everything detection keeps per customer, bounded: the relevant events still inside some rule's window (capped),
/// the alerts raised recently (for cooldown and idempotence), and the open absence windows.
/// </summary>
public sealed record DetectorState(
    string CustomerKey,
    IReadOnlyList<StateEvent> Events,
    IReadOnlyList<FiredIncident> Fired,
    // Stored as "pending" (the name saved states already carry).
    [property: System.Text.Json.Serialization.JsonPropertyName("pending")] IReadOnlyList<AbsenceWindow> AbsenceWindows)
{
    /// <summary>The newest web/app item seen (sessions continue from it without a timeline query); null when none was.</summary>
    public SessionMark? Session { get; init; }

    public static DetectorState Empty(string customerKey) => new(customerKey, [], [], []);
}
