namespace TouchpointPipeline.Functions.Apis.Identity;

internal sealed record IdentityLinkView(string AnonymousId, string EventId, string Source, DateTimeOffset LinkedAt);
