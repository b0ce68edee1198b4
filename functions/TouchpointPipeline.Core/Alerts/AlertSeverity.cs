using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Alerts;

/// <summary>How urgently support should look. Wire names are lower case.</summary>
public enum AlertSeverity
{
    [JsonStringEnumMemberName("low")]
    Low,

    [JsonStringEnumMemberName("medium")]
    Medium,

    [JsonStringEnumMemberName("high")]
    High,

    [JsonStringEnumMemberName("critical")]
    Critical,
}
