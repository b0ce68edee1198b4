namespace TouchpointPipeline.Core.Alerts;

/// <summary>What an acknowledge/resolve request did.</summary>
public enum AlertTransitionOutcome
{
    /// <summary>The status changed; the result carries the updated alert.</summary>
    Changed,

    /// <summary>No alert has that id.</summary>
    NotFound,

    /// <summary>The alert's status does not allow the transition (e.g. resolving a resolved alert).</summary>
    InvalidTransition,
}
