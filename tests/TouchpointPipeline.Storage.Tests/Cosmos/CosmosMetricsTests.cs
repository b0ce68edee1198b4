using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Azure.Cosmos;
using NSubstitute;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Cosmos;

public sealed class CosmosMetricsTests
{
    [Fact]
    public async Task SendAsync_ThrottledThenCreated_RecordsEveryChargeWithContainerAndOperation()
    {
        var container = Substitute.For<Container>();
        container.Id.Returns("metrics-test");
        var answers = new Queue<ResponseMessage>([Response((HttpStatusCode)429, "0.5"), Response(HttpStatusCode.Created, "6.1")]);
        var metrics = new CosmosMetrics(meterFactory: null);
        var requests = new CosmosRequests(container, new CosmosStorageOptions { MaxRetryWaitTime = TimeSpan.FromSeconds(1) }, TimeProvider.System, metrics);
        var recorded = new ConcurrentQueue<(string Instrument, double Value, string? Container, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CosmosMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Tag(tags, "container"), Tag(tags, "operation"))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Tag(tags, "container"), Tag(tags, "operation"))));
        listener.Start();

        using var response = await requests.SendAsync("Creating an alert", _ => Task.FromResult(answers.Dequeue()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(
            new (string, double, string?, string?)[]
            {
                ("touchpoint.cosmos.requests", 1.0, "metrics-test", "Creating an alert"), ("touchpoint.cosmos.request_charge", 0.5, "metrics-test", "Creating an alert"),
                ("touchpoint.cosmos.requests", 1.0, "metrics-test", "Creating an alert"), ("touchpoint.cosmos.request_charge", 6.1, "metrics-test", "Creating an alert"),
            },
            recorded.Where(r => r.Container == "metrics-test"));
    }

    private static ResponseMessage Response(HttpStatusCode status, string charge)
    {
        var response = new ResponseMessage(status);
        response.Headers["x-ms-request-charge"] = charge;
        response.Headers["x-ms-retry-after-ms"] = "1";
        return response;
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
