namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>Why an event was quarantined. The wire values are stable: dashboards and replays filter on them.</summary>
public static class QuarantineReason
{
    /// <summary>The body is not a JSON object (or not UTF-8).</summary>
    public const string Malformed = "malformed";

    /// <summary>The body is larger than the per-event limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>The event breaks its schema (unknown type included); the errors say which field and rule.</summary>
    public const string Invalid = "invalid";

    /// <summary><c>time</c> is older than the lateness limit relative to when the event was received.</summary>
    public const string Late = "late";

    /// <summary><c>time</c> is further in the future than allowed relative to when the event was received.</summary>
    public const string Future = "future";

    /// <summary>
    /// A stage failed on this event in a way no rule foresaw; the error names the exception type. Kept so one event can
    /// never fail its batch; replay it after the fix.
    /// </summary>
    public const string Unprocessable = "unprocessable";
}
