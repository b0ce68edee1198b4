using System.Text.Json.Serialization;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>The pattern shapes a rule can describe.</summary>
public enum RuleKind
{
    /// <summary>At least <c>count</c> matching events (or distinct values) within <c>window</c>, optionally per group and close together on screen.</summary>
    [JsonStringEnumMemberName("count")]
    Count,

    /// <summary>Events matching <c>steps</c> in time order, the whole chain within <c>window</c>.</summary>
    [JsonStringEnumMemberName("sequence")]
    Sequence,

    /// <summary>A <c>match</c> event with no <c>closedBy</c> event within <c>window</c> after it; fired by the sweep.</summary>
    [JsonStringEnumMemberName("absence")]
    Absence,

    /// <summary>A numeric field falling over the last <c>points</c> events of a group (e.g. sentiment over a chat).</summary>
    [JsonStringEnumMemberName("trend")]
    Trend,
}
