using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Alerts;

/// <summary>An alert's life: <c>open → acknowledged → resolved</c> (an open alert may also be resolved directly).</summary>
public enum AlertStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    [JsonStringEnumMemberName("resolved")]
    Resolved,
}
