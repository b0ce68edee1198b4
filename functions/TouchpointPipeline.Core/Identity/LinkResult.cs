namespace TouchpointPipeline.Core.Identity;

/// <summary>The outcome of a link attempt; <paramref name="ExistingCustomerId"/> is set for <see cref="LinkOutcome.Conflict"/>.</summary>
public sealed record LinkResult(LinkOutcome Outcome, string? ExistingCustomerId = null);
