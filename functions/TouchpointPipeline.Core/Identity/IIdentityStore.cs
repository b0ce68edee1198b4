namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// Anonymous → known customer links. Adapters: Cosmos DB (container <c>identities</c>, pk <c>/customerKey</c>) and
/// SQLite; both pass the same contract suite. Every operation is idempotent under redelivery.
/// </summary>
public interface IIdentityStore
{
    /// <summary>
    /// Links the anonymous id to the customer unless it is linked to another customer (→ <see cref="LinkOutcome.Conflict"/>,
    /// recorded) or the customer has reached the policy's limit within the window before <see cref="IdentityLink.LinkedAt"/>
    /// (→ <see cref="LinkOutcome.TooManyLinks"/>, recorded). The same link again → <see cref="LinkOutcome.AlreadyLinked"/>.
    /// </summary>
    Task<LinkResult> LinkAsync(IdentityLink link, IdentityLinkPolicy policy, CancellationToken cancellationToken);

    /// <summary>The customer id of each of the given anonymous ids that is linked; unlinked ids are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> anonymousIds, CancellationToken cancellationToken);

    /// <summary>Every anonymous id linked to the customer, oldest first (for merging timelines at read, and for audit).</summary>
    Task<IReadOnlyList<IdentityLink>> GetLinksAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Links refused for the anonymous id or the customer id, oldest first.</summary>
    Task<IReadOnlyList<IdentityRejection>> GetRejectionsAsync(string id, CancellationToken cancellationToken);
}
