using System.Net;
using System.Text;
using System.Text.Json;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class DevHostEventPublisherTests
{
    private sealed class Handler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(string Path, JsonElement Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.AbsolutePath, JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone()));
            return new HttpResponseMessage(status) { Content = new StringContent("{\"appended\":1}") };
        }
    }

    [Fact]
    public async Task PublishAsync_TwoHubs_PostsEachHubsMessagesToTheAppendEndpoint()
    {
        var handler = new Handler(HttpStatusCode.OK);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:7071/") };
        PublishMessage[] messages =
        [
            new("clickstream", "cust-1", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"t\":\"é\"}")),
            new("chats", "anon:x", Encoding.UTF8.GetBytes("{\"id\":\"b\"}")),
            new("clickstream", "cust-2", Encoding.UTF8.GetBytes("{\"id\":\"c\"}")),
        ];

        await new DevHostEventPublisher(http).PublishAsync(messages, TestContext.Current.CancellationToken);

        Assert.Equal(["/_devhost/hubs/clickstream/messages", "/_devhost/hubs/chats/messages"], handler.Requests.Select(r => r.Path));
        var clickstream = handler.Requests[0].Body.GetProperty("messages");
        Assert.Equal(2, clickstream.GetArrayLength());
        Assert.Equal("cust-1", clickstream[0].GetProperty("partitionKey").GetString());
        Assert.Equal("{\"id\":\"a\",\"t\":\"é\"}", clickstream[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task PublishAsync_DevHostAnswers500_ThrowsEventPublishException()
    {
        using var http = new HttpClient(new Handler(HttpStatusCode.InternalServerError)) { BaseAddress = new Uri("http://127.0.0.1:7071/") };

        await Assert.ThrowsAsync<EventPublishException>(() => new DevHostEventPublisher(http).PublishAsync(
            [new("calls", "cust-1", "{}"u8.ToArray())], TestContext.Current.CancellationToken));
    }
}
