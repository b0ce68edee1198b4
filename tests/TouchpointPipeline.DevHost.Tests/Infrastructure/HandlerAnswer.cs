namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>What the fake handler answers.</summary>
internal sealed record HandlerAnswer(int Status, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static HandlerAnswer Ok(string body = "{}") => new(200, "application/json", body, new Dictionary<string, string>());

    public static HandlerAnswer Fail() => new(500, "application/problem+json", "{\"title\":\"failed\"}", new Dictionary<string, string>());
}
