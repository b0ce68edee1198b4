namespace TouchpointPipeline.Functions.Identity;

internal sealed record IdentityLinkView(string AnonymousId, string EventId, string Source, DateTimeOffset LinkedAt);
