using System.Net;
using System.Text.Json;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.Timelines;

public sealed class TimelineEndpointTests : IAsyncLifetime
{
    private readonly PipelineAppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        // Delivered out of order on purpose: the timeline orders by event time, not arrival.
        var start = EventHubPayloads.DefaultEnqueued.AddMinutes(-30);
        var bodies = Enumerable.Range(0, 25).Reverse()
            .Select(i => TestEvents.Click($"t-{i:D2}", "cust-t", time: start.AddMinutes(i)))
            .Append(TestEvents.Click("t-tie-b", "cust-t", time: start.AddMinutes(10)))
            .Append(TestEvents.Click("t-other", "cust-other", time: start))
            .ToList();
        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(bodies));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task GetTimeline_PagedWithNext_ReturnsEveryItemOnceNewestFirst()
    {
        var items = await _app.ReadTimelineAsync("cust-t", pageSize: 4);

        var ids = items.Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(26, ids.Count);
        Assert.Equal(26, ids.Distinct().Count());
        Assert.Equal("t-24", ids[0]);
        Assert.Equal("t-00", ids[^1]);
        var times = items.Select(i => i.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        // Same time: ordered by id, descending.
        Assert.True(ids.IndexOf("t-tie-b") < ids.IndexOf("t-10"));
    }

    [Fact]
    public async Task GetTimeline_Item_CarriesEnvelopeFieldsAndRawData()
    {
        var page = await GetAsync("/api/customers/cust-other/timeline");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("t-other", item.GetProperty("id").GetString());
        Assert.Equal("element.clicked", item.GetProperty("type").GetString());
        Assert.Equal("web", item.GetProperty("channel").GetString());
        Assert.Equal("web/shop", item.GetProperty("source").GetString());
        Assert.Equal("s-1", item.GetProperty("sessionId").GetString());
        Assert.Equal("Pay – €10 ✓", item.GetProperty("data").GetProperty("text").GetString());
        Assert.Equal(48.5, item.GetProperty("data").GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task GetTimeline_BeforeIsoTime_ReturnsOnlyOlderEvents()
    {
        var before = TestEvents.Iso(EventHubPayloads.DefaultEnqueued.AddMinutes(-30).AddMinutes(3));

        var page = await GetAsync($"/api/customers/cust-t/timeline?before={Uri.EscapeDataString(before)}");

        Assert.Equal(["t-02", "t-01", "t-00"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetTimeline_UnknownCustomer_EmptyPage()
    {
        var page = await GetAsync("/api/customers/nobody/timeline");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("before=not-a-cursor", "before")]
    public async Task GetTimeline_BadParameters_400ProblemDetailsNamingTheParameter(string query, string field)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri($"/api/customers/cust-t/timeline?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }
}
