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

    /// <summary>Valid, but Event Hubs did not accept it (the answer is 503): retry with the same id.</summary>
    public const string NotPublished = "not_published";
}
