namespace TouchpointPipeline.Simulator.Sending;

/// <summary>What the collector made of one batch: accepted and rejected counts, and the first rejection reason seen.</summary>
internal sealed record SendOutcome(int Accepted, int Rejected, string? FirstRejection, int Retries);
