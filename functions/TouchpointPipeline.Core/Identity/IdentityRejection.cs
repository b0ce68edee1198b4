namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// A link that was not made, kept for audit and for support to resolve by hand: a conflict with another known
/// customer, or a link over the per-customer limit.
/// </summary>
public sealed record IdentityRejection(IdentityLink Attempt, LinkOutcome Outcome, string? ExistingCustomerId);
