using System.Text.Json;

namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>A request as the fake handler received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
