using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>The function app with two write keys, one allowed origin and a recording publisher.</summary>
internal static class CollectorApp
{
    public const string WebKey = "web-key-0123456789abcdef";
    public const string ContactCentreKey = "cc-key-0123456789abcdef";
    public const string Origin = "https://shop.example";

    public static Dictionary<string, string?> Settings(int tokenLimit = 1000) => new()
    {
        ["Collector:WriteKeys:web:Key"] = WebKey,
        ["Collector:WriteKeys:web:Kind"] = "Browser",
        ["Collector:WriteKeys:web:Sources:0"] = "web/shop",
        ["Collector:WriteKeys:web:Sources:1"] = "app/ios",
        ["Collector:WriteKeys:contactcentre:Key"] = ContactCentreKey,
        ["Collector:WriteKeys:contactcentre:Kind"] = "Server",
        ["Collector:WriteKeys:contactcentre:Sources:0"] = "cc/genesys",
        ["Collector:WriteKeys:contactcentre:Sources:1"] = "web/chat",
        ["Collector:AllowedOrigins:0"] = Origin,
        ["Collector:RateLimit:TokenLimit"] = tokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Collector:RateLimit:TokensPerPeriod"] = "1",
        ["Collector:RateLimit:EventTokenLimit"] = "1000000",
        ["Collector:RateLimit:ReplenishmentPeriod"] = "01:00:00",
    };

    public static PipelineAppFactory Create(IEventPublisher publisher, int tokenLimit = 1000) =>
        new(services => services.AddSingleton(publisher), Settings(tokenLimit));

    public static string Batch(IEnumerable<string> events, string? sentAt = null)
    {
        var root = new JsonObject { ["events"] = new JsonArray([.. events.Select(e => JsonNode.Parse(e))]) };
        if (sentAt is not null)
        {
            root["sentAt"] = sentAt;
        }

        return root.ToJsonString();
    }

    public static async Task<HttpResponseMessage> PostAsync(
        PipelineAppFactory app, string body, string? key = WebKey, string contentType = "application/json", string? userAgent = null, string? query = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events" + query)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Touchpoint-Write-Key", key);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static DateTime Now => DateTime.UtcNow.AddSeconds(-2);

    public static string Click(string id, string customerId = "cust-1", string source = "web/shop")
    {
        var node = JsonNode.Parse(TestEvents.Click(id, customerId, Now))!;
        node["source"] = source;
        return node.ToJsonString();
    }

    public static string Call(string id, string customerId = "cust-1") =>
        TestEvents.Build("call.queued", id, Now, "call", new JsonObject { ["callId"] = "call-1" }, customerId: customerId);

    public static string Chat(string id, string anonymousId) =>
        TestEvents.Build("chat.started", id, Now, "chat", new JsonObject { ["chatId"] = "chat-1" }, anonymousId: anonymousId);
}
