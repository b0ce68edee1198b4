namespace TouchpointPipeline.Core.Events;

/// <summary>
/// The customer key partitions every store: the known <c>customerid</c>, else <c>anon:</c> + <c>anonymousid</c>, so an
/// anonymous id can never collide with a customer id.
/// </summary>
public static class CustomerKeys
{
    public const string AnonymousPrefix = "anon:";

    public static string ForAnonymous(string anonymousId) => AnonymousPrefix + anonymousId;
}
