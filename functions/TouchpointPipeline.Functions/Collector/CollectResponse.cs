using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>The 202 body: counts and one result per event in request order.</summary>
internal sealed record CollectResponse(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("results")] IReadOnlyList<EventResult> Results)
{
    public static CollectResponse From(IReadOnlyList<EventResult> results)
    {
        var accepted = results.Count(r => r.IsAccepted);
        return new CollectResponse(accepted, results.Count - accepted, results);
    }
}
