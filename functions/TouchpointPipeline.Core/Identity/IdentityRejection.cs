namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// A link that was not made, kept for audit and for support to resolve by hand: a conflict with another known
/// customer, or a link over the per-customer limit.
/// </summary>
public sealed record IdentityRejection(IdentityLink Attempt, LinkOutcome Outcome, string? ExistingCustomerId)
{
    /// <summary>Why the link was refused, in words for the audit view.</summary>
    public string Reason => Outcome switch
    {
        LinkOutcome.Conflict => "The anonymous id is already linked to another customer; links are never moved automatically.",
        LinkOutcome.TooManyLinks => "The customer already had the most anonymous ids allowed within the link window "
            + "(Enrichment__Identity__MaxLinksPerCustomer per LinkWindow): the earliest links are kept and later ones refused, "
            + "never the other way round. Logins sent through a write key without identity verification can be forged; "
            + "turn verification on for that key (docs/collector.md#identity-verification).",
        _ => Outcome.ToString(),
    };
}
