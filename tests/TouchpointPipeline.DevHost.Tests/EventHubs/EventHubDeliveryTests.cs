using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.EventHubs;

/// <summary>Event Hubs delivery against a fake handler: payload shape (docs/host-protocol.md §4), retries (§3, §7.6), checkpoints (§7.7), outputs (§7.5).</summary>
public sealed class EventHubDeliveryTests : IAsyncLifetime
{
    private const string Ingest = """
        {
          "bindings": [
            { "type": "eventHubTrigger", "direction": "in", "name": "events", "eventHubName": "%HubName%", "connection": "EventHubConnection",
              "consumerGroup": "pipeline", "cardinality": "many", "dataType": "string" },
            { "type": "eventHub", "direction": "out", "name": "alerts", "eventHubName": "alerts", "connection": "EventHubConnection" }
          ],
          "retry": { "strategy": "fixedDelay", "maxRetryCount": 2, "delayInterval": "00:00:05" }
        }
        """;

    private readonly TestFunctionApp _app = new TestFunctionApp().With("Ingest", Ingest);
    private FakeHandler _handler = null!;

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable("HubName", "clicks");
        _handler = await FakeHandler.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _handler.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Deliver_Batch_SendsTheHostsPayloadShape()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        const string body = """{"id":"e1","text":"caf\u00e9 <b> \"q\""}""";

        await host.AppendAsync("clicks", ("c-42", body), ("c-42", "plain text"));
        await Eventually.CountAsync(() => _handler.InvocationsOf("Ingest").Count(), 1, "an invocation");

        var request = _handler.InvocationsOf("Ingest").Single();
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(Guid.TryParse(request.Headers["X-Azure-Functions-InvocationId"], out _));
        Assert.Equal("4.1037.1.1", request.Headers["X-Azure-Functions-HostVersion"]);
        Assert.Equal("Azure-Functions-Host/4.1037.1.1", request.Headers["User-Agent"]);
        var json = request.Json;

        // Data.events: a JSON string holding an array of the exact bodies (§4.4).
        var events = json.GetProperty("Data").GetProperty("events");
        Assert.Equal(JsonValueKind.String, events.ValueKind);
        Assert.Equal([body, "plain text"], JsonSerializer.Deserialize<string[]>(events.GetString()!)!);

        var metadata = json.GetProperty("Metadata");
        var partition = PartitionOf("c-42");
        foreach (var key in new[] { "TriggerPartitionContext", "PartitionContext" })
        {
            var context = metadata.GetProperty(key);
            Assert.Equal(JsonValueKind.Object, context.ValueKind);
            Assert.True(context.GetProperty("IsCheckpointingAfterInvocation").GetBoolean());
            Assert.Equal("clicks", context.GetProperty("EventHubName").GetString());
            Assert.Equal("pipeline", context.GetProperty("ConsumerGroup").GetString());
            Assert.Equal(partition, context.GetProperty("PartitionId").GetString());
            Assert.Equal("devhost.localhost", context.GetProperty("FullyQualifiedNamespace").GetString());
        }

        // Every *Array is a JSON string holding JSON text, element i for event i (§2.3, §4.2).
        Assert.Equal(["c-42", "c-42"], Inner<string[]>(metadata, "PartitionKeyArray"));
        Assert.Equal([0L, 1L], Inner<long[]>(metadata, "SequenceNumberArray"));
        var offsets = Inner<string[]>(metadata, "OffsetArray");
        Assert.Equal(offsets, Inner<string[]>(metadata, "OffsetStringArray"));
        Assert.Equal("0", offsets[0]);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), offsets[1]);
        var enqueued = Inner<string[]>(metadata, "EnqueuedTimeUtcArray");
        Assert.All(enqueued, t => Assert.DoesNotContain('Z', t));
        Assert.All(enqueued, t => Assert.True(DateTime.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.Equal(2, Inner<JsonElement[]>(metadata, "PropertiesArray").Length);
        var system = Inner<JsonElement[]>(metadata, "SystemPropertiesArray");
        Assert.Equal(1, system[1].GetProperty("x-opt-sequence-number").GetInt64());
        Assert.Equal("c-42", system[1].GetProperty("x-opt-partition-key").GetString());
        Assert.Equal("c-42", system[1].GetProperty("PartitionKey").GetString());
        Assert.EndsWith("Z", system[1].GetProperty("x-opt-enqueued-time").GetString(), StringComparison.Ordinal);
        Assert.Equal(enqueued[1], system[1].GetProperty("EnqueuedTimeUtc").GetString());

        var sys = metadata.GetProperty("sys");
        Assert.Equal("Ingest", sys.GetProperty("MethodName").GetString());
        Assert.EndsWith("Z", sys.GetProperty("UtcNow").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(sys.GetProperty("RandGuid").GetString(), out _));

        // A retry policy applies, so RetryContext is on the first attempt too, with RetryCount 0 (§3).
        var retry = metadata.GetProperty("RetryContext");
        Assert.Equal(0, retry.GetProperty("RetryCount").GetInt32());
        Assert.Equal(2, retry.GetProperty("MaxRetryCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, retry.GetProperty("Exception").ValueKind);
    }

    [Fact]
    public async Task Deliver_HandlerAlwaysFails_RetriesWithRetryContextThenCheckpointsAfterTheLastRetry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        _handler.Respond = _ => HandlerAnswer.Fail();
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, time);

        await host.AppendAsync("clicks", ("c-42", "{}"));
        await Eventually.CountAsync(() => _handler.InvocationsOf("Ingest").Count(), 3, "three attempts", between: () => time.Advance(TimeSpan.FromSeconds(1)));
        var partition = await Eventually.UntilAsync(() => host.PartitionAsync("Ingest", PartitionOf("c-42")), p => p.GetProperty("batches").GetInt64() == 1, "the batch to finish");

        var attempts = _handler.InvocationsOf("Ingest").Select(r => r.Json.GetProperty("Metadata").GetProperty("RetryContext")).ToList();
        Assert.Equal([0, 1, 2], attempts.Select(a => a.GetProperty("RetryCount").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(2, a.GetProperty("MaxRetryCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, attempts[0].GetProperty("Exception").ValueKind);
        Assert.Contains("500", attempts[1].GetProperty("Exception").GetProperty("InnerException").GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(_handler.InvocationsOf("Ingest").First().Json.GetProperty("Data")), JsonSerializer.Serialize(_handler.InvocationsOf("Ingest").Last().Json.GetProperty("Data")));
        Assert.Equal(0, partition.GetProperty("checkpoint").GetInt64());
        Assert.Equal(1, partition.GetProperty("failedBatches").GetInt64());
        Assert.Equal(2, partition.GetProperty("retries").GetInt64());
        Assert.Equal(3, _handler.InvocationsOf("Ingest").Count());
    }

    [Fact]
    public async Task Deliver_FirstAttemptFails_NoCheckpointUntilTheRetrySucceeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        var calls = 0;
        _handler.Respond = _ => Interlocked.Increment(ref calls) == 1 ? HandlerAnswer.Fail() : HandlerAnswer.Ok();
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, time);
        var partition = PartitionOf("c-1");

        await host.AppendAsync("clicks", ("c-1", "{}"));
        await Eventually.CountAsync(() => _handler.InvocationsOf("Ingest").Count(), 1, "the first attempt");
        var whileRetrying = await host.PartitionAsync("Ingest", partition);
        await Eventually.CountAsync(() => _handler.InvocationsOf("Ingest").Count(), 2, "the retry", between: () => time.Advance(TimeSpan.FromSeconds(1)));
        var done = await Eventually.UntilAsync(() => host.PartitionAsync("Ingest", partition), p => p.GetProperty("checkpoint").ValueKind == JsonValueKind.Number, "the checkpoint");

        Assert.Equal(JsonValueKind.Null, whileRetrying.GetProperty("checkpoint").ValueKind);
        Assert.Equal(1, whileRetrying.GetProperty("pending").GetInt64());
        Assert.Equal(0, done.GetProperty("checkpoint").GetInt64());
        Assert.Equal(0, done.GetProperty("failedBatches").GetInt64());
        Assert.Equal(1, done.GetProperty("failedAttempts").GetInt64());
    }

    [Fact]
    public async Task Deliver_EventHubOutput_AppendsEachStringToTheNamedHub()
    {
        _handler.Respond = _ => HandlerAnswer.Ok("""{"Outputs":{"alerts":["{\"alert\":1}","{\"alert\":2}"],"Alerts":["wrong case, ignored"]},"Logs":["ok"],"ReturnValue":null}""");
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);

        await host.AppendAsync("clicks", ("c-42", "{}"));
        var alerts = await Eventually.UntilAsync(
            async () =>
            {
                // 404 until the first output creates the hub.
                using var response = await host.Client.GetAsync(new Uri("/_devhost/hubs/alerts/messages", UriKind.Relative), TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone()
                    : default;
            },
            m => m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2,
            "two alert events");

        Assert.Equal(["{\"alert\":1}", "{\"alert\":2}"], alerts.EnumerateArray().OrderBy(m => m.GetProperty("body").GetString(), StringComparer.Ordinal).Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(2, (await host.PartitionAsync("Ingest", PartitionOf("c-42"))).GetProperty("outputEvents").GetInt64());
    }

    [Fact]
    public async Task Redeliver_AfterCheckpoint_DeliversTheSameBatchAgain()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);
        var partition = PartitionOf("c-7");
        await host.AppendAsync("clicks", ("c-7", "a"), ("c-7", "b"));
        await Eventually.UntilAsync(() => host.PartitionAsync("Ingest", partition), p => p.GetProperty("checkpoint").ValueKind == JsonValueKind.Number, "the checkpoint");

        using var response = await host.Client.PostAsync(
            new Uri("/_devhost/redeliver", UriKind.Relative),
            new StringContent("""{"function":"Ingest"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        await Eventually.CountAsync(() => _handler.InvocationsOf("Ingest").Count(), 2, "the redelivery");
        var status = await Eventually.UntilAsync(host.StatusAsync, s => s.GetProperty("idle").GetBoolean(), "idle");

        var deliveries = _handler.InvocationsOf("Ingest").Select(r => r.Json.GetProperty("Data").GetProperty("events").GetString()).ToList();
        Assert.Equal(deliveries[0], deliveries[1]);
        Assert.Contains(partition, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(0, status.GetProperty("pending").GetInt64());
        Assert.Equal(1, (await host.PartitionAsync("Ingest", partition)).GetProperty("redeliveries").GetInt64());
    }

    [Fact]
    public async Task RedeliverEvery_One_DeliversEachBatchTwiceAndCheckpointsAfterTheSecond()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, null, "--redeliver-every", "1");
        var partition = PartitionOf("c-9");

        await host.AppendAsync("clicks", ("c-9", "x"));
        var done = await Eventually.UntilAsync(() => host.PartitionAsync("Ingest", partition), p => p.GetProperty("checkpoint").ValueKind == JsonValueKind.Number, "the checkpoint");

        Assert.Equal(2, _handler.InvocationsOf("Ingest").Count());
        Assert.Equal(1, done.GetProperty("redeliveries").GetInt64());
    }

    [Fact]
    public async Task Deliver_ManyEventsOneKey_InOrderInBatchesOfAtMostMaxEventBatchSize()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url);

        await host.AppendAsync("clicks", [.. Enumerable.Range(0, 35).Select(i => ((string?)"c-5", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        await Eventually.UntilAsync(host.StatusAsync, s => s.GetProperty("idle").GetBoolean() && s.GetProperty("pending").GetInt64() == 0, "all checkpointed");

        var batches = _handler.InvocationsOf("Ingest").Select(r => JsonSerializer.Deserialize<string[]>(r.Json.GetProperty("Data").GetProperty("events").GetString()!)!).ToList();
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 10));
        Assert.Equal(Enumerable.Range(0, 35).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), batches.SelectMany(b => b));
    }

    private static string PartitionOf(string key) =>
        Core.Events.PartitionSelector.PartitionFor(key, 4).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static T Inner<T>(JsonElement metadata, string name)
    {
        var value = metadata.GetProperty(name);
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return JsonSerializer.Deserialize<T>(value.GetString()!)!;
    }
}
