using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Triggers.Ingest;

/// <summary>Issue 12's findings through the real trigger endpoint: one event's content never fails its batch.</summary>
public sealed class IngestTotalityTests
{
    private static readonly DateTime Time = EventHubPayloads.DefaultEnqueued.AddSeconds(-5);

    [Theory]
    [MemberData(nameof(HostileEvents.Kinds), MemberType = typeof(HostileEvents))]
    public async Task IngestClickstream_OneUnrepresentableEvent_StoresTheOthersAndQuarantinesIt(string kind)
    {
        await using var app = new PipelineAppFactory();
        var payload = EventHubPayloads.EventHubBatch(
            [TestEvents.Click("t-1", "cust-t", Time), HostileEvents.Build(kind, "t-bad", "cust-t", Time), TestEvents.Click("t-2", "cust-t", Time)],
            retry: (0, -1));

        using var response = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["t-1", "t-2"], (await app.ReadTimelineAsync("cust-t")).Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var quarantined = Assert.Single(app.ReadQuarantine());
        Assert.Equal("invalid", quarantined.GetProperty("reason").GetString());
        Assert.Empty(app.ParkedFiles());
    }

    [Fact]
    public async Task IngestClickstream_PoisonFailureUnderUnboundedRetries_ParkedAtOnce()
    {
        await using var app = new PipelineAppFactory(s => s.Replace(ServiceDescriptor.Singleton<ITimelineStore, PoisonedTimelineStore>()));
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("p-1", "cust-p", Time)], retry: (0, -1));

        using var response = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parked = Assert.Single(app.ParkedFiles());
        using var record = JsonDocument.Parse(File.ReadAllText(parked));
        Assert.Equal(typeof(InvalidOperationException).FullName, record.RootElement.GetProperty("failureType").GetString());
        Assert.Equal(1, record.RootElement.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task IngestClickstream_BodyWithLoneSurrogateInHostMetadata_ParkedNot500()
    {
        await using var app = new PipelineAppFactory();
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("m-1", "cust-m", Time)])
            .Replace("\"sys\":{", "\"sys\":{\"X\\ud800\":1,", StringComparison.Ordinal);

        using var response = await app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
