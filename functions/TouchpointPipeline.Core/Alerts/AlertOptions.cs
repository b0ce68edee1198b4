namespace TouchpointPipeline.Core.Alerts;

/// <summary>Alert handling settings (section <c>Alerts</c>), validated at start.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>An alert still open this long after it was raised is escalated by the sweep. Default 30 minutes.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The sweep delivers an alert still marked undelivered once it is this old (younger ones are still with the
    /// invocation that raised them, which delivers them when it succeeds, possibly after host retries). Default 3 minutes.
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromMinutes(3);
}
