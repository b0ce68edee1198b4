namespace TouchpointPipeline.Functions.Apis.Identity;

internal sealed record IdentityRejectionView(
    string AnonymousId, string CustomerId, string Outcome, string? ExistingCustomerId, string EventId, string Source, DateTimeOffset AttemptedAt, string Reason);
