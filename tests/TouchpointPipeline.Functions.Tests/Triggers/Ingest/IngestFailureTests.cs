using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Triggers.Ingest;

public sealed class IngestFailureTests
{
    private static readonly string Batch = EventHubPayloads.EventHubBatch([TestEvents.Click("f-1", "cust-f"), TestEvents.Click("f-2", "cust-f")]);

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(9, -1)]
    public async Task IngestClickstream_StoreUnreachableWhileHostWillRetry_Answers500AndParksNothing(int retryCount, int maxRetryCount)
    {
        await using var app = new PipelineAppFactory(s => s.Replace(ServiceDescriptor.Singleton<ITimelineStore, UnreachableTimelineStore>()));
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("f-1", "cust-f")], retry: (retryCount, maxRetryCount));

        using var response = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(app.ParkedFiles());
    }

    [Fact]
    public async Task IngestClickstream_StoreUnreachableOnLastRetry_ParksExactPayloadAndAnswers200()
    {
        await using var app = new PipelineAppFactory(s => s.Replace(ServiceDescriptor.Singleton<ITimelineStore, UnreachableTimelineStore>()));
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("f-1", "cust-f")], retry: (5, 5));

        using var response = await app.InvokeAsync("IngestClickstream", payload);
        using var again = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parked = Assert.Single(app.ParkedFiles());
        using var record = JsonDocument.Parse(File.ReadAllText(parked));
        Assert.Equal("IngestClickstream", record.RootElement.GetProperty("functionName").GetString());
        Assert.Equal(6, record.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal(
            JsonDocument.Parse(payload).RootElement.GetRawText(),
            record.RootElement.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task IngestClickstream_NoRetryPolicyAndStoreUnreachable_ParksBecauseHostWillNotRetry()
    {
        await using var app = new PipelineAppFactory(s => s.Replace(ServiceDescriptor.Singleton<ITimelineStore, UnreachableTimelineStore>()));

        using var response = await app.InvokeAsync("IngestClickstream", Batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.ParkedFiles());
    }

    [Fact]
    public async Task IngestClickstream_StoreAndParkingUnreachable_Answers500SoNothingIsAcknowledged()
    {
        await using var app = new PipelineAppFactory(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<ITimelineStore, UnreachableTimelineStore>());
            s.Replace(ServiceDescriptor.Singleton<IParkedBatchStore, UnreachableParkedBatchStore>());
        });

        using var response = await app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([TestEvents.Click("f-1", "cust-f")], retry: (5, 5)));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"Data\":{},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"events\":\"not an array\"},\"Metadata\":{}}")]
    [InlineData("[]")]
    [InlineData("<html>")]
    public async Task IngestClickstream_UndecodablePayload_ParkedAndAnswered200(string payload)
    {
        await using var app = new PipelineAppFactory();

        using var response = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parked = Assert.Single(app.ParkedFiles());
        Assert.Contains("InvalidPayload", File.ReadAllText(parked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestClickstream_StoreRecoversOnRetry_EventsStoredOnce()
    {
        await using var app = new PipelineAppFactory();
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("r-1", "cust-r"), TestEvents.Click("r-2", "cust-r")], retry: (1, 5));

        using var first = await app.InvokeAsync("IngestClickstream", payload);
        using var redelivered = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(2, (await app.ReadTimelineAsync("cust-r")).Count);
    }
}
