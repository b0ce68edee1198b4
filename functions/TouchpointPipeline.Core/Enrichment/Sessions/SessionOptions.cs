namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>How sessions are cut for clickstream events that arrive without the emitter's <c>sessionid</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Enrichment:Sessions";

    /// <summary>A gap longer than this starts a new session. Default 30 minutes (the Google Analytics/Snowplow convention).</summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session never spans more than this. Default 24 hours.</summary>
    public TimeSpan MaxLength { get; set; } = TimeSpan.FromHours(24);
}
