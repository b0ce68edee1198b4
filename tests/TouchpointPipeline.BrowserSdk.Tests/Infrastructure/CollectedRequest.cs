using System.Text.Json;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>One POST /api/events the stub received, as the browser sent it, and what the stub answered.</summary>
/// <param name="Status">The status code the stub answered.</param>
/// <param name="HeaderWriteKey">The <c>X-Touchpoint-Write-Key</c> header (fetch), if any.</param>
/// <param name="QueryWriteKey">The <c>writeKey</c> query parameter (sendBeacon), if any.</param>
/// <param name="ContentType">The request's Content-Type.</param>
/// <param name="Body">The raw body text.</param>
/// <param name="Events">The envelopes in the body, in order (empty when the body was not readable).</param>
internal sealed record CollectedRequest(
    int Status,
    string? HeaderWriteKey,
    string? QueryWriteKey,
    string? ContentType,
    string Body,
    IReadOnlyList<JsonElement> Events)
{
    public bool IsBeacon => ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;

    public IEnumerable<string> EventIds => Events.Select(e => e.GetProperty("id").GetString()!);
}
