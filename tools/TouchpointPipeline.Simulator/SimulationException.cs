namespace TouchpointPipeline.Simulator;

/// <summary>The simulation cannot go on (the collector refuses the key, the app is gone); the message says why.</summary>
internal sealed class SimulationException(string message) : Exception(message);
