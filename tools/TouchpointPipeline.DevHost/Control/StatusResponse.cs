using TouchpointPipeline.DevHost.Timers;

namespace TouchpointPipeline.DevHost.Control;

/// <summary>
/// <c>GET /_devhost/status</c>. <see cref="Pending"/> is the number of events appended to triggered hubs and not yet
/// checkpointed by every function that reads them; <see cref="Idle"/> is true when it is 0 and nothing is in flight.
/// </summary>
internal sealed record StatusResponse(
    string? HandlerUrl,
    IReadOnlyList<HubStatus> Hubs,
    IReadOnlyList<ConsumerStatus> Consumers,
    IReadOnlyList<TimerStatus> Timers,
    long Pending,
    bool Idle);
