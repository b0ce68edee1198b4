using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Appends to the dev host's embedded log (<c>POST {DevHost:Url}/_devhost/hubs/{hub}/messages</c>), which answers 200
/// only once the messages are in the log. Used when the dev host runs the app (it sets <c>DevHost__Url</c>).
/// </summary>
internal sealed class DevHostEventPublisher(HttpClient http) : IEventPublisher
{
    public const string HttpClientName = "DevHost";

    public async Task PublishAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var hub in messages.GroupBy(m => m.Hub, StringComparer.Ordinal))
        {
            var body = new AppendRequest([.. hub.Select(m => new AppendMessage(m.PartitionKey, Encoding.UTF8.GetString(m.Body.Span)))]);
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(
                    new Uri($"_devhost/hubs/{Uri.EscapeDataString(hub.Key)}/messages", UriKind.Relative),
                    body, CollectorJsonContext.Default.AppendRequest, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new EventPublishException($"The dev host did not take the messages for hub '{hub.Key}': {ex.Message}", ex);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new EventPublishException($"The dev host answered {(int)response.StatusCode} for hub '{hub.Key}'.");
                }
            }
        }
    }

    internal sealed record AppendRequest([property: JsonPropertyName("messages")] IReadOnlyList<AppendMessage> Messages);

    internal sealed record AppendMessage(
        [property: JsonPropertyName("partitionKey")] string PartitionKey,
        [property: JsonPropertyName("body")] string Body);
}
