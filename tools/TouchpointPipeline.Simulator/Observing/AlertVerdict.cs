namespace TouchpointPipeline.Simulator.Observing;

/// <summary>
/// An observed alert judged: whether its (rule, customer) was injected, how long after its triggering event was sent
/// it was raised (null when that event was not tracked), and how many alerts the run has seen with it.
/// </summary>
internal sealed record AlertVerdict(bool Injected, TimeSpan? Latency, int Count);
