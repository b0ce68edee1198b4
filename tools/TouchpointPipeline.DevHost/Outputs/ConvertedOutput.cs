namespace TouchpointPipeline.DevHost.Outputs;

/// <summary>The events one output value becomes, and a warning when the value fell into one of the host's traps.</summary>
internal sealed record ConvertedOutput(IReadOnlyList<string> Bodies, string? Warning);
