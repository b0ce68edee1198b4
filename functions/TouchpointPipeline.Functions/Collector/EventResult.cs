using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>The outcome for one event, in request order. <see cref="Field"/> and <see cref="Message"/> only when rejected.</summary>
internal sealed record EventResult(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public bool IsAccepted => Status == Accepted;
}
