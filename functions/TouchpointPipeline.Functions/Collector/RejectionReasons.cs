namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Reasons the collector adds to the quarantine reasons it shares with ingest (<c>invalid</c>, <c>malformed</c>,
/// <c>too_large</c>, <c>late</c>, <c>future</c>).
/// </summary>
internal static class RejectionReasons
{
    /// <summary>The event has no <c>id</c>: the emitter must assign one (and reuse it on retry).</summary>
    public const string MissingId = "missing_id";

    /// <summary>The write key was not issued for the event's <c>source</c>.</summary>
    public const string SourceNotAllowed = "source_not_allowed";

    /// <summary>The write key's scope does not include the event's <c>channel</c> (a browser key sending a call).</summary>
    public const string ChannelNotAllowed = "channel_not_allowed";

    /// <summary>The write key's scope does not include the event's <c>type</c>.</summary>
    public const string TypeNotAllowed = "type_not_allowed";

    /// <summary>
    /// The key verifies identities and this <c>customer.identified</c> event has no <c>userhash</c>, or one that is not
    /// the HMAC of its <c>customerid</c> under the key's identity secret.
    /// </summary>
    public const string IdentityNotVerified = "identity_not_verified";

    /// <summary>Valid, but Event Hubs did not accept it (the answer is 503): retry with the same id.</summary>
    public const string NotPublished = "not_published";
}
