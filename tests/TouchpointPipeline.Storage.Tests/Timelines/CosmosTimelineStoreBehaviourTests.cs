using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>The Cosmos adapter's status handling and document shape, over a substituted <see cref="Container"/>.</summary>
public sealed class CosmosTimelineStoreBehaviourTests
{
    private readonly Container _container = Substitute.For<Container>();
    private readonly FakeTimeProvider _time = new(TimelineItems.BaseTime);
    private readonly ConcurrentQueue<CreateCall> _calls = new();
    private readonly CosmosTimelineStore _store;

    public CosmosTimelineStoreBehaviourTests()
    {
        var options = new CosmosStorageOptions
        {
            AccountEndpoint = "https://example.documents.azure.com:443/",
            MaxRetryAttempts = 3,
            MaxRetryWaitTime = TimeSpan.FromSeconds(5),
        };
        _store = new CosmosTimelineStore(_container, options, _time, NullLogger<CosmosTimelineStore>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_Answered201_ReturnsCreated()
    {
        AnswerCreates(_ => Response(HttpStatusCode.Created));

        var result = await _store.AppendAsync([TimelineItems.Create("c1", "e1")], Ct);

        Assert.Equal([AppendOutcome.Created], result.Outcomes);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task AppendAsync_Answered409_ReturnsDuplicateWithoutThrowing()
    {
        AnswerCreates(call => Response(call.Id == "old" ? HttpStatusCode.Conflict : HttpStatusCode.Created));

        var result = await _store.AppendAsync(
            [TimelineItems.Create("c1", "new"), TimelineItems.Create("c1", "old"), TimelineItems.Create("c2", "x")], Ct);

        Assert.Equal([AppendOutcome.Created, AppendOutcome.Duplicate, AppendOutcome.Created], result.Outcomes);
    }

    [Fact]
    public async Task AppendAsync_Answered429WithRetryAfter_WaitsTheRetryAfterThenRetries()
    {
        var attempts = 0;
        AnswerCreates(_ => Interlocked.Increment(ref attempts) == 1
            ? Response((HttpStatusCode)429, retryAfterMs: 1500)
            : Response(HttpStatusCode.Created));

        var result = await RunWithFakeTimeAsync(_store.AppendAsync([TimelineItems.Create("c1", "e1")], Ct));

        Assert.Equal([AppendOutcome.Created], result.Outcomes);
        var calls = _calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(1500), $"retried after {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task AppendAsync_RetryAfterLongerThanTheBudget_WaitsNoLongerThanMaxRetryWaitTime()
    {
        AnswerCreates(_ => Response((HttpStatusCode)429, retryAfterMs: 60_000));

        var append = RunWithFakeTimeAsync(_store.AppendAsync([TimelineItems.Create("c1", "e1")], Ct));

        var error = await Assert.ThrowsAsync<CosmosException>(() => append);
        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        var calls = _calls.ToArray();
        Assert.Equal(2, calls.Length);
        // The fake clock keeps moving (50 ms a step) while the retry's timer is being scheduled, so a loaded machine adds
        // fake time after the 5 s budget; what matters is that the 60 s retry-after was capped, not waited out.
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(449)]
    public async Task AppendAsync_PersistentTransientStatus_ThrowsAfterBoundedAttempts(int status)
    {
        AnswerCreates(_ => Response((HttpStatusCode)status, activityId: "act-123"));

        var append = RunWithFakeTimeAsync(_store.AppendAsync([TimelineItems.Create("c1", "e1")], Ct));

        var error = await Assert.ThrowsAsync<CosmosException>(() => append);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("act-123", error.ActivityId);
        Assert.Contains("act-123", error.Message, StringComparison.Ordinal);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 3, _calls.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task AppendAsync_OtherFailure_ThrowsWithStatusAndActivityIdWithoutRetrying(int status)
    {
        AnswerCreates(_ => Response((HttpStatusCode)status, activityId: "act-456"));

        var error = await Assert.ThrowsAsync<CosmosException>(
            () => _store.AppendAsync([TimelineItems.Create("c1", "e1")], Ct));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains("act-456", error.Message, StringComparison.Ordinal);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task AppendAsync_AnyAnswer_OnlyEverCreates()
    {
        var attempts = 0;
        AnswerCreates(_ => (Interlocked.Increment(ref attempts) % 3) switch
        {
            0 => Response((HttpStatusCode)429, retryAfterMs: 10),
            1 => Response(HttpStatusCode.Conflict),
            _ => Response(HttpStatusCode.Created),
        });

        await RunWithFakeTimeAsync(_store.AppendAsync(TimelineItems.Series("c1", 20), Ct));

        var methods = _container.ReceivedCalls().Select(c => c.GetMethodInfo().Name).Distinct().ToArray();
        Assert.Equal(["CreateItemStreamAsync"], methods);
        Assert.DoesNotContain(
            _container.ReceivedCalls(),
            c => c.GetMethodInfo().Name.StartsWith("Upsert", StringComparison.Ordinal)
                 || c.GetMethodInfo().Name.StartsWith("Replace", StringComparison.Ordinal)
                 || c.GetMethodInfo().Name.StartsWith("Patch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_DuplicateIdsInOneCall_SendsOnlyTheFirst()
    {
        AnswerCreates(_ => Response(HttpStatusCode.Created));
        var first = TimelineItems.Create("c1", "e1", data: """{"copy":1}""");

        var result = await _store.AppendAsync(
            [first, first with { Data = Encoding.UTF8.GetBytes("""{"copy":2}""") }, TimelineItems.Create("c2", "e1")], Ct);

        Assert.Equal([AppendOutcome.Created, AppendOutcome.Duplicate, AppendOutcome.Created], result.Outcomes);
        Assert.Equal(2, _calls.Count);
        Assert.Contains(_calls, c => c.Id == "e1" && c.Body.Contains("\"copy\":1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_Document_HasTheTimelineShapeAndTheRawData()
    {
        AnswerCreates(_ => Response(HttpStatusCode.Created));
        const string data = """{ "selector" : "#buy",  "x": 1.50, "text": "Grüße \u00e9" }""";
        var item = TimelineItems.Create("cust-42", "evt-1", TimelineItems.BaseTime.AddTicks(5), data) with
        {
            Channel = Channel.App,
            AnonymousId = "anon-7",
        };

        await _store.AppendAsync([item], Ct);

        var call = Assert.Single(_calls);
        Assert.Equal(new PartitionKey("cust-42"), call.PartitionKey);
        Assert.False(call.Options?.EnableContentResponseOnWrite);
        Assert.Contains(data, call.Body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(call.Body);
        var root = document.RootElement;
        Assert.Equal(
            ["id", "customerKey", "sk", "type", "channel", "source", "time", "receivedAt", "deviceTime", "customerId", "anonymousId",
             "sessionId", "data", "position"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("evt-1", root.GetProperty("id").GetString());
        Assert.Equal("cust-42", root.GetProperty("customerKey").GetString());
        Assert.Equal(item.SortKey, root.GetProperty("sk").GetString());
        Assert.Equal("page.viewed", root.GetProperty("type").GetString());
        Assert.Equal("app", root.GetProperty("channel").GetString());
        Assert.Equal("/web/shop", root.GetProperty("source").GetString());
        Assert.Equal("2026-11-01T12:00:00.0000005Z", root.GetProperty("time").GetString());
        Assert.Equal("2026-11-01T12:00:02.0000005Z", root.GetProperty("receivedAt").GetString());
        Assert.Equal("cust-42", root.GetProperty("customerId").GetString());
        Assert.Equal("anon-7", root.GetProperty("anonymousId").GetString());
        Assert.Equal("s-1", root.GetProperty("sessionId").GetString());
        Assert.Equal(item.Data.ToArray(), JsonMarshal.GetRawUtf8Value(root.GetProperty("data")).ToArray());
        var position = root.GetProperty("position");
        Assert.Equal(
            """{"hub":"clickstream","partitionId":"3","offset":"4096","sequenceNumber":17,"enqueuedTime":"2026-11-01T12:00:01.0000000Z","partitionKey":"cust-42"}""",
            position.GetRawText());
    }

    [Fact]
    public async Task AppendAsync_ItemWithoutPosition_WritesNullPosition()
    {
        AnswerCreates(_ => Response(HttpStatusCode.Created));

        await _store.AppendAsync([TimelineItems.Create("c1", "e1") with { Position = null, SessionId = null }], Ct);

        using var document = JsonDocument.Parse(Assert.Single(_calls).Body);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("position").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("sessionId").ValueKind);
    }

    [Fact]
    public async Task GetPageAsync_WithCursor_QueriesOnePartitionBelowTheCursorNewestFirst()
    {
        var items = TimelineItems.Series("c1", 3).Reverse().ToArray();
        var (query, options) = AnswerQuery(items);

        var page = await _store.GetPageAsync("c1", new TimelineQuery(2, "cursor"), Ct);

        Assert.Equal("SELECT * FROM c WHERE c.customerKey = @k AND c.sk < @before ORDER BY c.sk DESC", query().QueryText);
        Assert.Equal(
            [("@before", (object)"cursor"), ("@k", "c1")],
            query().GetQueryParameters().Select(p => (p.Name, p.Value)).Order());
        Assert.Equal(new PartitionKey("c1"), options().PartitionKey);
        Assert.Equal(3, options().MaxItemCount);
        Assert.Equal(["e002", "e001"], page.Items.Select(i => i.Id));
        Assert.Equal(items[1].SortKey, page.NextSortKey);
        TimelineItems.AssertSame(items[0], page.Items[0]);
    }

    [Fact]
    public async Task GetPageAsync_WithoutCursor_OmitsTheSortKeyFilter()
    {
        var (query, _) = AnswerQuery([]);

        var page = await _store.GetPageAsync("c1", new TimelineQuery(10, null), Ct);

        Assert.Equal("SELECT * FROM c WHERE c.customerKey = @k ORDER BY c.sk DESC", query().QueryText);
        Assert.Empty(page.Items);
        Assert.Null(page.NextSortKey);
    }

    private void AnswerCreates(Func<CreateCall, ResponseMessage> answer) =>
        _container
            .CreateItemStreamAsync(
                Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(info =>
            {
                using var reader = new StreamReader(info.Arg<Stream>(), Encoding.UTF8);
                var body = reader.ReadToEnd();
                using var document = JsonDocument.Parse(body);
                var call = new CreateCall(
                    document.RootElement.GetProperty("id").GetString()!,
                    body,
                    info.Arg<PartitionKey>(),
                    info.Arg<ItemRequestOptions>(),
                    _time.GetUtcNow());
                _calls.Enqueue(call);
                return Task.FromResult(answer(call));
            });

    private (Func<QueryDefinition> Query, Func<QueryRequestOptions> Options) AnswerQuery(TimelineItem[] items)
    {
        QueryDefinition? query = null;
        QueryRequestOptions? options = null;
        var iterator = Substitute.For<FeedIterator>();
        iterator.HasMoreResults.Returns(true, false);
        iterator.ReadNextAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult(QueryPage(items)));
        _container
            .GetItemQueryStreamIterator(Arg.Any<QueryDefinition>(), Arg.Any<string>(), Arg.Any<QueryRequestOptions>())
            .Returns(info =>
            {
                query = info.Arg<QueryDefinition>();
                options = info.Arg<QueryRequestOptions>();
                return iterator;
            });
        return (() => query!, () => options!);
    }

    private static ResponseMessage QueryPage(TimelineItem[] items)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("_rid", "abc");
            writer.WriteStartArray("Documents");
            foreach (var item in items)
            {
                var document = new System.Buffers.ArrayBufferWriter<byte>();
                CosmosTimelineDocument.Write(document, item);
                writer.WriteRawValue(document.WrittenSpan);
            }

            writer.WriteEndArray();
            writer.WriteNumber("_count", items.Length);
            writer.WriteEndObject();
        }

        return new ResponseMessage(HttpStatusCode.OK) { Content = new MemoryStream(buffer.WrittenSpan.ToArray()) };
    }

    private static ResponseMessage Response(HttpStatusCode status, int? retryAfterMs = null, string? activityId = null)
    {
        var response = new ResponseMessage(status);
        if (retryAfterMs is { } ms)
        {
            response.Headers["x-ms-retry-after-ms"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (activityId is not null)
        {
            response.Headers["x-ms-activity-id"] = activityId;
        }

        return response;
    }

    /// <summary>Advances the fake clock until the operation completes, so retry waits pass without real sleeps.</summary>
    private async Task<T> RunWithFakeTimeAsync<T>(Task<T> operation)
    {
        for (var step = 0; !operation.IsCompleted; step++)
        {
            Assert.True(step < 10_000, "the operation did not complete");
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, Ct);
        }

        return await operation;
    }

    private sealed record CreateCall(
        string Id,
        string Body,
        PartitionKey PartitionKey,
        ItemRequestOptions? Options,
        DateTimeOffset At);
}
