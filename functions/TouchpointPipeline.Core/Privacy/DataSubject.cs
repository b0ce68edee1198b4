namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// A person as the stores know them: the stored form of their customer id (hashed when it is an e-mail address or
/// when all identifiers are hashed) and the anonymous ids linked to it, i.e. every customer key holding their data.
/// </summary>
public sealed record DataSubject(string CustomerId, IReadOnlyList<string> AnonymousIds)
{
    /// <summary>The customer key, then <c>anon:</c> + each linked anonymous id.</summary>
    public IReadOnlyList<string> CustomerKeys { get; } =
        [CustomerId, .. AnonymousIds.Select(Events.CustomerKeys.ForAnonymous)];
}
