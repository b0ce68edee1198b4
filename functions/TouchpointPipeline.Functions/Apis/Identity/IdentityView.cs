using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Functions.Apis.Identity;

/// <summary>The audit view of a customer's identity: the anonymous ids linked to it and the links that were refused.</summary>
internal sealed record IdentityView(string CustomerId, IReadOnlyList<IdentityLinkView> Links, IReadOnlyList<IdentityRejectionView> Rejections)
{
    public static IdentityView From(string customerId, IReadOnlyList<IdentityLink> links, IReadOnlyList<IdentityRejection> rejections) => new(
        customerId,
        [.. links.Select(l => new IdentityLinkView(l.AnonymousId, l.EventId, l.Source, l.LinkedAt))],
        [.. rejections.Select(r => new IdentityRejectionView(
            r.Attempt.AnonymousId, r.Attempt.CustomerId, r.Outcome.ToString(), r.ExistingCustomerId, r.Attempt.EventId, r.Attempt.Source, r.Attempt.LinkedAt, r.Reason))]);
}
